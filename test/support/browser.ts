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
