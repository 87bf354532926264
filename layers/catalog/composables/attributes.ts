import type { AttributeValue } from '../contracts'

// Attribute keys are camelCase identifiers; these few would read badly when merely split into words.
const LABELS: Record<string, string> = {
  color: 'Colour',
  ram: 'Memory',
  isbn: 'ISBN',
  price: 'Price',
}

/** "refreshRate" → "Refresh rate": a shopper-facing name for an attribute or facet key. */
export function attributeLabel(key: string): string {
  const known = LABELS[key]
  if (known) return known
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function attributeText(value: AttributeValue): string {
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return String(value)
}

/** Facet values arrive as query-string text ("true") whatever type the attribute holds. */
export function facetValueText(value: string): string {
  if (value === 'true') return 'Yes'
  if (value === 'false') return 'No'
  return value
}
