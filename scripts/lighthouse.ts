/**
 * `npm run lighthouse`: Lighthouse's performance, accessibility and SEO scores of the storefront
 * (home, a category, a product, search results, the 404 page) as a phone sees them (Lighthouse's
 * mobile emulation and simulated throttling), from the production build on a fresh embedded demo
 * catalog, in the Chromium at CHROME_PATH (default /usr/bin/chromium; nothing is downloaded). Every
 * audit under full marks is listed with what it found, so a low score explains itself. Each page is
 * fetched twice first (the page cache is warm, as in a running shop) and scored LIGHTHOUSE_RUNS times
 * (3); the median round by performance is reported, with every round's score. Exits
 * non-zero when the product page scores under SEO 100 or accessibility 95.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse, { type Flags, type Result } from 'lighthouse'
import { startApp, type AppProcess } from './lib/app-process'
import { firstProductPath, waitForCatalog } from './lib/demo-shop'
import { ensureProductionBuild } from './lib/production-build'

const CATEGORIES = ['performance', 'accessibility', 'seo'] as const
const PRODUCT_THRESHOLDS = { seo: 100, accessibility: 95 }
/** Elements shown per failing audit: enough to find the culprit, not a whole report. */
const MAX_ITEMS = 3
/** Rounds per page (LIGHTHOUSE_RUNS): one run on a busy two-core machine swings by ten points. */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3)

interface PageScore {
  name: string
  path: string
  scores: Record<(typeof CATEGORIES)[number], number>
  failing: { category: string; id: string; title: string; score: number; items: string[] }[]
  /** The performance score of each round. */
  rounds: number[]
}

/** What an audit's details point at: an element's selector and snippet, or a URL. */
function itemText(item: Record<string, unknown>): string | undefined {
  const node = (item.node ?? item.source ?? item.relatedNode) as { selector?: string; snippet?: string } | undefined
  if (node?.selector || node?.snippet) return [node.selector, node.snippet].filter(Boolean).join('  ')
  if (typeof item.url === 'string') return item.url
  if (typeof item.description === 'string') return item.description
  return undefined
}

function failingAudits(lhr: Result, category: string): PageScore['failing'] {
  return lhr.categories[category]!.auditRefs.flatMap((ref) => {
    const audit = lhr.audits[ref.id]!
    if (audit.score === null || audit.score >= 1) return []
    // Performance audits hold tables, opportunities and metrics; only lists of items are shown.
    const details = audit.details as { items?: unknown } | undefined
    const listed = Array.isArray(details?.items) ? (details.items as Record<string, unknown>[]) : []
    const items = listed.map(itemText).filter((text): text is string => !!text)
    if (audit.displayValue) items.unshift(audit.displayValue)
    return [{ category, id: audit.id, title: audit.title, score: audit.score, items }]
  })
}

const percent = (score: number | null | undefined) => Math.round((score ?? 0) * 100)

function printReport(pages: PageScore[]) {
  const rows = [
    ['Page', 'Path', 'Performance', 'Accessibility', 'SEO', 'Performance rounds'],
    ...pages.map((page) => [
      page.name,
      page.path,
      ...CATEGORIES.map((category) => String(page.scores[category])),
      page.rounds.join(' '),
    ]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column < 2 || column === 5 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
  console.log(line(rows[0]!))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows.slice(1)) console.log(line(row))
  for (const page of pages) {
    if (!page.failing.length) continue
    console.log(`\n${page.name} (${page.path}):`)
    for (const audit of page.failing) {
      console.log(`  [${audit.category}] ${audit.id} (${percent(audit.score)}): ${audit.title}`)
      for (const item of audit.items.slice(0, MAX_ITEMS))
        console.log(`      ${item.replace(/\s+/g, ' ').slice(0, 200)}`)
      if (audit.items.length > MAX_ITEMS) console.log(`      … and ${audit.items.length - MAX_ITEMS} more`)
    }
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'shop-lighthouse-'))
let app: AppProcess | undefined
let chrome: chromeLauncher.LaunchedChrome | undefined
try {
  await ensureProductionBuild()
  // Embedded defaults on an empty folder: the catalog seeds its deterministic demo on first start.
  app = await startApp({ DATA_DIR: dataDir })
  await waitForCatalog(app.url)
  const pages = [
    { name: 'home', path: '/' },
    { name: 'category', path: '/categories/laptops' },
    { name: 'product', path: await firstProductPath(app.url) },
    { name: 'search', path: '/search?q=headphones' },
    { name: 'not found', path: '/no-such-page' },
  ]

  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  })
  const flags: Flags = {
    port: chrome.port,
    logLevel: 'error',
    output: 'json',
    onlyCategories: [...CATEGORIES],
    // The 404 page is scored too: it answers 404 on purpose.
    ignoreStatusCode: true,
  }
  const results: PageScore[] = []
  // One page at a time: the runs share the one browser.
  for (const page of pages) {
    // A shop's pages are served warm: the first visit after a start renders and fills the page cache.
    for (let warm = 0; warm < 2; warm++)
      await fetch(`${app.url}${page.path}`).then((response) => response.arrayBuffer())
    const runs: PageScore[] = []
    for (let round = 0; round < RUNS; round++) {
      const run = await lighthouse(`${app.url}${page.path}`, flags)
      if (!run) throw new Error(`Lighthouse returned no result for ${page.path}`)
      if (run.lhr.runtimeError) throw new Error(`Lighthouse failed on ${page.path}: ${run.lhr.runtimeError.message}`)
      runs.push({
        ...page,
        scores: Object.fromEntries(
          CATEGORIES.map((category) => [category, percent(run.lhr.categories[category]?.score)]),
        ) as PageScore['scores'],
        failing: CATEGORIES.flatMap((category) => failingAudits(run.lhr, category)),
        rounds: [],
      })
    }
    // The median run by performance stands for the page; every round's score is shown beside it.
    const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance)
    results.push({ ...sorted[Math.floor(sorted.length / 2)]!, rounds: runs.map((run) => run.scores.performance) })
  }
  printReport(results)

  const product = results.find((page) => page.name === 'product')!
  const short = (['seo', 'accessibility'] as const).filter(
    (category) => product.scores[category] < PRODUCT_THRESHOLDS[category],
  )
  if (short.length) {
    console.error(
      `\nThe product page is under its thresholds (${short.map((category) => `${category} ${product.scores[category]} < ${PRODUCT_THRESHOLDS[category]}`).join(', ')}).`,
    )
    process.exitCode = 1
  }
} catch (error) {
  console.error(error)
  if (app) console.error(`app output:\n${app.output()}`)
  process.exitCode = 1
} finally {
  chrome?.kill()
  await app?.stop()
  await rm(dataDir, { recursive: true, force: true })
}
