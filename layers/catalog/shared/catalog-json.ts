// A registered symbol: the server reader and the rendering app are bundled apart, so a class (and
// `instanceof`) would not be the same on both sides.
const TEXT = Symbol.for('shop.catalog.json-text')

/**
 * A value read from JSON text the catalog already holds (its caches keep documents as text). The
 * page renders `value`; the page's payload carries the text as it is (plugins/catalog-json.ts)
 * rather than Nuxt serializing the value again field by field.
 */
export interface CatalogJson<T> {
  readonly value: T
  readonly [TEXT]: string
}

export const catalogJson = <T>(text: string): CatalogJson<T> => ({ value: JSON.parse(text) as T, [TEXT]: text })

export const isCatalogJson = <T>(read: T | CatalogJson<T>): read is CatalogJson<T> =>
  typeof read === 'object' && read !== null && TEXT in read

/** The JSON text of a catalog read that has one, else undefined. */
export const jsonTextOf = (read: unknown): string | undefined => (isCatalogJson(read) ? read[TEXT] : undefined)
