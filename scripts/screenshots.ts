/**
 * `npm run screenshots`: the storefront as a shopper sees it, on a phone (390×844) and a desktop
 * (1280×800), taken from the production build on a fresh embedded demo catalog in the Chromium at
 * CHROME_PATH (default /usr/bin/chromium). With no arguments it refreshes the README's pictures in
 * `docs/screenshots/`; `npm run screenshots -- <dir> <path>...` takes any pages into any folder,
 * the whole page's height, for looking at what a change did.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { startApp, type AppProcess } from './lib/app-process'
import { waitForCatalog } from './lib/demo-shop'
import { ensureProductionBuild, projectRoot } from './lib/production-build'

const VIEWPORTS = {
  phone: { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { width: 1280, height: 800, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
} as const

/** The README's pictures: the first screen of the home page and of a category, as a phone and a desktop show them. */
const README_SHOTS = [
  { name: 'home', path: '/' },
  { name: 'category', path: '/categories/jackets' },
]

const [outArgument, ...pathArguments] = process.argv.slice(2)
const custom = pathArguments.length > 0
const outDir = resolve(outArgument ?? join(projectRoot, 'docs/screenshots'))
const shots = custom
  ? pathArguments.map((path, index) => ({ name: `${index + 1}-${path.replace(/[^a-z0-9]+/gi, '-')}`, path }))
  : README_SHOTS

const dataDir = await mkdtemp(join(tmpdir(), 'shop-screenshots-'))
let app: AppProcess | undefined
let browser: Browser | undefined
try {
  await ensureProductionBuild()
  app = await startApp({ DATA_DIR: dataDir })
  await waitForCatalog(app.url)
  await mkdir(outDir, { recursive: true })
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium' })
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    const { width, height, ...options } = viewport
    const context = await browser.newContext({ viewport: { width, height }, ...options })
    const page = await context.newPage()
    for (const shot of shots) {
      await page.goto(`${app.url}${shot.path}`, { waitUntil: 'networkidle' })
      // Web fonts and lazy images settle before the picture is taken.
      await page.evaluate(() => document.fonts.ready)
      const file = join(outDir, `${shot.name}-${device}.png`)
      await page.screenshot({ path: file, fullPage: custom })
      console.log(file)
    }
    await context.close()
  }
} catch (error) {
  console.error(error)
  if (app) console.error(`app output:\n${app.output()}`)
  process.exitCode = 1
} finally {
  await browser?.close()
  await app?.stop()
  await rm(dataDir, { recursive: true, force: true })
}
