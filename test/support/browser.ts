import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`): playwright cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumAvailable = existsSync(CHROMIUM)

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] })

/**
 * Resolves once the page is interactive: Nuxt has finished hydrating, async pages included. The
 * Vue app is mounted (`__vue_app__`) before a page that awaits its data has hydrated; a click in
 * between reaches the server-rendered form without its handlers and submits it natively.
 */
export const hydrated = (page: Page) =>
  page.waitForFunction(() => {
    const app = (document.querySelector('#__nuxt') as { __vue_app__?: NuxtVueApp } | null)?.__vue_app__
    return app?.config.globalProperties.$nuxt?.isHydrating === false
  })

interface NuxtVueApp {
  config: { globalProperties: { $nuxt?: { isHydrating?: boolean } } }
}

/** Where a browser test keeps what the shopper saw (`SHOTS_DIR=/tmp/shots`), for a person to look at. */
const SHOTS_DIR = process.env.SHOTS_DIR

/** The page as a phone shows it, then as a desktop does, kept under SHOTS_DIR when it is set. */
export async function shot(page: Page, name: string) {
  if (!SHOTS_DIR) return
  await page.screenshot({ path: `${SHOTS_DIR}/${name}-phone.png`, fullPage: true })
  const phone = page.viewportSize()!
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: `${SHOTS_DIR}/${name}-desktop.png`, fullPage: true })
  await page.setViewportSize(phone)
}

/** A browser test's shop, over plain HTTP as in development: cookies without the __Host- prefix. */
export const PLAIN_HTTP_SHOP = { PUBLIC_URL: 'http://localhost:3000', TRUST_PROXY_HOPS: '0' }
