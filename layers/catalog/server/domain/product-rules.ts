/** A variant as the rules see it: its sku and its own attributes (size, colour, format…). */
export interface VariantShape {
  sku: string
  attributes: Record<string, string>
}

/**
 * The values a product's variants offer, per attribute ("size": ["S", "M"]), in first-seen order.
 * Kept on the product's own attributes, so one facet reads products with and without variants alike.
 */
export function offeredValues(variants: readonly VariantShape[]): Record<string, string[]> {
  const offered: Record<string, string[]> = {}
  for (const variant of variants)
    for (const [key, value] of Object.entries(variant.attributes)) {
      const values = (offered[key] ??= [])
      if (!values.includes(value)) values.push(value)
    }
  return offered
}

export type VariantProblem = { index: number; message: string }

/** Variants must be told apart: distinct skus (not the product's), and distinct attribute combinations. */
export function variantProblems(productSku: string, variants: readonly VariantShape[]): VariantProblem[] {
  const problems: VariantProblem[] = []
  const skus = new Set([productSku])
  const combinations = new Set<string>()
  variants.forEach((variant, index) => {
    if (skus.has(variant.sku)) problems.push({ index, message: `sku ${variant.sku} is used twice` })
    skus.add(variant.sku)
    const combination = JSON.stringify(Object.entries(variant.attributes).sort(([a], [b]) => a.localeCompare(b)))
    if (combinations.has(combination)) problems.push({ index, message: 'repeats another variant’s attributes' })
    combinations.add(combination)
  })
  return problems
}
