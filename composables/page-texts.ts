import { tryUseNuxtApp } from '#app'

/** Texts the server worked out while rendering a page, by key ("money:1999:EUR:false"). */
export type PageTexts = Record<string, string>

/**
 * A text worked out once per page: the server records what it wrote, and the browser, hydrating that
 * page, reads the same text back instead of working it out again. Pure, so it is tested without Nuxt.
 */
export function rememberedText(texts: PageTexts | undefined, key: string, work: () => string, record: boolean): string {
  const known = texts?.[key]
  if (known !== undefined) return known
  const text = work()
  if (record && texts) texts[key] = text
  return text
}

/**
 * Prices, ratings and dates the server formatted travel with the page (in its payload), so the
 * browser hydrates them without Intl: a phone's first Intl formatter costs 50-150 ms while ICU
 * starts, and on a product page that was most of the time the page took to come alive. Text for
 * data that arrives later (another page, a new filter) is worked out in the browser as usual.
 */
export function pageText(key: string, work: () => string): string {
  const payload = tryUseNuxtApp()?.payload as { texts?: PageTexts } | undefined
  if (payload && import.meta.server) payload.texts ??= {}
  return rememberedText(payload?.texts, key, work, Boolean(import.meta.server))
}
