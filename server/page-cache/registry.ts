import { createPageStore, type CachedPageRule } from './page-cache'

const rules: CachedPageRule[] = []

/** A context's pages join the cache (from its Nitro plugin); the kernel knows no context's URLs. */
export const registerCachedPages = (rule: CachedPageRule) => void rules.push(rule)

export const ruleFor = (path: string) => rules.find((rule) => rule.matches(path))

/**
 * A page the same for every visitor (ADR 0012): it renders for nobody, is cached whatever the
 * cookies, and the browser fills in what is personal afterwards.
 */
export const isSharedPage = (path: string) => ruleFor(path) !== undefined

/** This instance's pages. */
export const pageStore = createPageStore()

type Purger = (tags: string[]) => Promise<void>

let purger: Purger = async (tags) => pageStore.purge(tags)

/** The page cache's plugin installs how purges reach every instance. */
export const setPurger = (purge: Purger) => void (purger = purge)

/** Drops the pages carrying these tags here at once, and on every other instance moments later. */
export const purgePages = (tags: string[]) => purger(tags)
