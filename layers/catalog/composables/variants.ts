import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { VariantDto } from '../contracts'

/** The query parameter naming a variant that has no attributes to be named by. */
export const VARIANT_PARAMETER = 'variant'

/** The attributes the variants differ by (size, colour...), each with its values in the order first offered. */
export function variantGroups(variants: readonly VariantDto[]): { key: string; values: string[] }[] {
  const values = new Map<string, string[]>()
  for (const variant of variants)
    for (const [key, value] of Object.entries(variant.attributes)) {
      const list = values.get(key) ?? []
      if (!list.includes(value)) list.push(value)
      values.set(key, list)
    }
  return [...values].map(([key, list]) => ({ key, values: list }))
}

/**
 * The variant a product page's URL names (`?color=Navy&size=M`, or `?variant=SKU` for variants
 * without attributes), so a shared link opens that choice. A combination that does not exist
 * falls back to the first variant with the first value named; nothing named, to the first variant.
 */
export function variantInQuery(variants: readonly VariantDto[], query: LocationQuery): VariantDto | undefined {
  const named = query[VARIANT_PARAMETER]
  if (typeof named === 'string') {
    const bySku = variants.find((variant) => variant.sku === named)
    if (bySku) return bySku
  }
  const wanted = variantGroups(variants).flatMap(({ key }) => {
    const value = query[key]
    return typeof value === 'string' ? [[key, value] as const] : []
  })
  const having = (pairs: (readonly [string, string])[]) =>
    variants.find((variant) => pairs.every(([key, value]) => variant.attributes[key] === value))
  return (wanted.length ? (having(wanted) ?? having(wanted.slice(0, 1))) : undefined) ?? variants[0]
}

/** The query that names a variant, keeping the page's other parameters (a reviews page). */
export function queryNaming(
  variants: readonly VariantDto[],
  variant: VariantDto,
  query: LocationQuery,
): LocationQueryRaw {
  const naming = new Set([VARIANT_PARAMETER, ...variantGroups(variants).map(({ key }) => key)])
  const next: LocationQueryRaw = Object.fromEntries(Object.entries(query).filter(([key]) => !naming.has(key)))
  if (Object.keys(variant.attributes).length) Object.assign(next, variant.attributes)
  else next[VARIANT_PARAMETER] = variant.sku
  return next
}

/** A choice of one attribute keeps the others when that combination exists, else takes the first variant with it. */
export function variantChoosing(
  variants: readonly VariantDto[],
  current: VariantDto | undefined,
  key: string,
  value: string,
): VariantDto | undefined {
  const wanted = { ...current?.attributes, [key]: value }
  return (
    variants.find((variant) => Object.entries(wanted).every(([name, chosen]) => variant.attributes[name] === chosen)) ??
    variants.find((variant) => variant.attributes[key] === value)
  )
}
