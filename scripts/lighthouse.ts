/**
 * `npm run lighthouse`: Lighthouse's performance, accessibility and SEO scores of the storefront
 * (home, a category, a product, search results, the 404 page, and a guest's cart of two items) as a phone sees them (Lighthouse's
 * mobile emulation and simulated throttling), from the production build on a fresh embedded demo
 * catalog, in the Chromium at CHROME_PATH (default /usr/bin/chromium; nothing is downloaded). Every
 * audit under full marks is listed with what it found, so a low score explains itself. Each page and
 * its pictures are fetched twice first (warm, as in a running shop) and scored LIGHTHOUSE_RUNS times
 * (3); the median round by performance is reported, with every round's score. Each round first
 * scores a bare Nuxt page (bench/reference-nuxt, built by the same Nuxt), so a score is read against
 * what the framework alone gets on this machine at that moment. LIGHTHOUSE_AGAINST=<dir> also scores
 * another production build (its `.output` folder, say a copy taken before a change) in every round,
 * on a catalog of its own, so a change is read in pairs, not against a score from minutes before.
 * Exits non-zero when a page scores under accessibility 100, or fails an SEO audit it does not fail on
 * purpose (search results, the cart and the 404 page are kept out of the index: ADR 0011).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse, { type Flags, type Result } from 'lighthouse'
import { startApp, type AppProcess } from './lib/app-process'
import { firstProductPath, guestCartCookie, waitForCatalog } from './lib/demo-shop'
import { ensureProductionBuild, ensureReferenceBuild, referenceEntry } from './lib/production-build'

const CATEGORIES = ['performance', 'accessibility', 'seo'] as const
/** SEO audits a page fails by design (ADR 0011): every other SEO audit must pass on every page. */
const NOT_INDEXED = ['is-crawlable']
const NOT_FOUND = ['is-crawlable', 'http-status-code']
/** Elements shown per failing audit: enough to find the culprit, not a whole report. */
const MAX_ITEMS = 3
/** Rounds per page (LIGHTHOUSE_RUNS): one run on a busy two-core machine swings by ten points. */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3)

interface PageScore {
  name: string
  path: string
  /** SEO audits this page fails on purpose. */
  deliberate?: string[]
  /** Seen by a guest with a cart (its cookie sent with every request), not by a first visitor. */
  withCart?: boolean
  scores: Record<(typeof CATEGORIES)[number], number>
  failing: { category: string; id: string; title: string; score: number; items: string[] }[]
  /** The performance score of each round. */
  rounds: number[]
  /** The bare Nuxt page's performance score in each of this page's rounds, scored just before it. */
  reference: number[]
  /** The other build's (LIGHTHOUSE_AGAINST) score of the same page in each round, scored just after it. */
  against: number[]
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
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function printReport(pages: PageScore[]) {
  const rows = [
    [
      'Page',
      'Path',
      'Performance',
      'Accessibility',
      'SEO',
      'Performance rounds',
      'Reference rounds (median)',
      ...(pages.some((page) => page.against.length) ? ['Other build rounds (median)'] : []),
    ],
    ...pages.map((page) => [
      page.name,
      page.path,
      ...CATEGORIES.map((category) => String(page.scores[category])),
      page.rounds.join(' '),
      `${page.reference.join(' ')} (${median(page.reference)})`,
      ...(page.against.length ? [`${page.against.join(' ')} (${median(page.against)})`] : []),
    ]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column < 2 || column >= 5 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
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

/** LIGHTHOUSE_REPORTS=dir keeps every round's full reports (JSON), to see what a score is made of. */
async function keepReports(page: string, round: number, reports: Record<string, Result>) {
  const dir = process.env.LIGHTHOUSE_REPORTS
  if (!dir) return
  await mkdir(dir, { recursive: true })
  for (const [name, lhr] of Object.entries(reports))
    await writeFile(join(dir, `${page}-${round}-${name}.json`), JSON.stringify(lhr))
}

const dataDir = await mkdtemp(join(tmpdir(), 'shop-lighthouse-'))
const againstDir = process.env.LIGHTHOUSE_AGAINST
const otherDataDir = againstDir ? await mkdtemp(join(tmpdir(), 'shop-lighthouse-other-')) : undefined
let app: AppProcess | undefined
let reference: AppProcess | undefined
let other: AppProcess | undefined
let chrome: chromeLauncher.LaunchedChrome | undefined
try {
  await ensureProductionBuild()
  await ensureReferenceBuild()
  // Embedded defaults on an empty folder: the catalog seeds its deterministic demo on first start.
  app = await startApp({ DATA_DIR: dataDir })
  reference = await startApp({}, { entry: referenceEntry })
  if (againstDir) {
    other = await startApp({ DATA_DIR: otherDataDir }, { entry: join(resolve(againstDir), 'server/index.mjs') })
  }
  const shopUrl = app.url
  const referenceUrl = reference.url
  await waitForCatalog(app.url)
  if (other) await waitForCatalog(other.url)
  const allPages = [
    { name: 'home', path: '/' },
    { name: 'category', path: '/categories/laptops' },
    { name: 'product', path: await firstProductPath(app.url) },
    { name: 'search', path: '/search?q=headphones', deliberate: NOT_INDEXED },
    { name: 'not found', path: '/no-such-page', deliberate: NOT_FOUND },
    { name: 'cart', path: '/cart', deliberate: NOT_INDEXED, withCart: true },
  ]
  // LIGHTHOUSE_PAGES=product,category scores only those (by name), to try one change quickly.
  const only = process.env.LIGHTHOUSE_PAGES?.split(',').map((name) => name.trim())
  const pages = only ? allPages.filter((page) => only.includes(page.name)) : allPages

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
  // Each shop (this build and the other) keeps its own carts.
  const carts = new Map<string, Promise<string>>()
  const cookieFor = (origin: string, page: { withCart?: boolean }) => {
    if (!page.withCart) return Promise.resolve(undefined)
    if (!carts.has(origin)) carts.set(origin, guestCartCookie(origin))
    return carts.get(origin)!
  }
  // One page at a time: the runs share the one browser.
  for (const page of pages) {
    // A shop's pages are served warm: the first visit after a start renders and fills the page cache,
    // and the first request for a demo picture renders it from its drawing.
    for (const origin of [shopUrl, ...(other ? [other.url] : [])])
      for (let warm = 0; warm < 2; warm++) {
        const cookie = await cookieFor(origin, page)
        const html = await fetch(`${origin}${page.path}`, { headers: cookie ? { cookie } : {} }).then((response) =>
          response.text(),
        )
        const pictures = [...html.matchAll(/<img[^>]+src="(\/[^"]+)"/g)].map((match) => match[1]!)
        await Promise.all(pictures.map((src) => fetch(`${origin}${src}`).then((response) => response.arrayBuffer())))
      }
    const score = async (origin: string, path: string, cookie?: string) => {
      const url = `${origin}${path}`
      const run = await lighthouse(url, { ...flags, ...(cookie ? { extraHeaders: { cookie } } : {}) })
      if (!run) throw new Error(`Lighthouse returned no result for ${url}`)
      if (run.lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${run.lhr.runtimeError.message}`)
      return run.lhr
    }
    const runs: PageScore[] = []
    const referenceRounds: number[] = []
    const againstRounds: number[] = []
    for (let round = 0; round < RUNS; round++) {
      // Each round scores the bare Nuxt page just before the shop's: the machine's speed drifts
      // within minutes, and the pair shows how much of a low score is the moment, not the page.
      const referenceLhr = await score(referenceUrl, '/')
      referenceRounds.push(percent(referenceLhr.categories.performance?.score))
      const lhr = await score(shopUrl, page.path, await cookieFor(shopUrl, page))
      const otherLhr = other ? await score(other.url, page.path, await cookieFor(other.url, page)) : undefined
      if (otherLhr) againstRounds.push(percent(otherLhr.categories.performance?.score))
      await keepReports(page.name, round, {
        reference: referenceLhr,
        page: lhr,
        ...(otherLhr ? { other: otherLhr } : {}),
      })
      runs.push({
        ...page,
        scores: Object.fromEntries(
          CATEGORIES.map((category) => [category, percent(lhr.categories[category]?.score)]),
        ) as PageScore['scores'],
        failing: CATEGORIES.flatMap((category) => failingAudits(lhr, category)),
        rounds: [],
        reference: [],
        against: [],
      })
    }
    // The median run by performance stands for the page; every round's score is shown beside it.
    const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance)
    results.push({
      ...sorted[Math.floor(sorted.length / 2)]!,
      rounds: runs.map((run) => run.scores.performance),
      reference: referenceRounds,
      against: againstRounds,
    })
  }
  printReport(results)

  const shortfalls = results.flatMap((page) => [
    ...(page.scores.accessibility < 100 ? [`${page.name}: accessibility ${page.scores.accessibility} < 100`] : []),
    ...page.failing
      .filter((audit) => audit.category === 'seo' && !page.deliberate?.includes(audit.id))
      .map((audit) => `${page.name}: SEO audit ${audit.id} fails`),
  ])
  if (shortfalls.length) {
    console.error(`\nUnder the thresholds:\n  ${shortfalls.join('\n  ')}`)
    process.exitCode = 1
  }
} catch (error) {
  console.error(error)
  if (app) console.error(`app output:\n${app.output()}`)
  process.exitCode = 1
} finally {
  chrome?.kill()
  await app?.stop()
  await reference?.stop()
  await other?.stop()
  await rm(dataDir, { recursive: true, force: true })
  if (otherDataDir) await rm(otherDataDir, { recursive: true, force: true })
}
