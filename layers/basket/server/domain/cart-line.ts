import type { Money } from '#layers/catalog/contracts'

/** A line as the cart keeps it: how many, and the price the shopper saw when adding it. */
export interface CartLine {
  sku: string
  quantity: number
  addedPrice: Money
  addedAt: number
}

/**
 * A line's hash value: `quantity|amount|currency|addedAt`. The quantity comes first so the cart's
 * Redis scripts can change it without parsing the rest; the rest is written once, when added.
 */
export const encodeLineRest = (price: Money, addedAt: number) => `${price.amount}|${price.currency}|${addedAt}`

const LINE = /^(\d+)\|(-?\d+)\|([A-Z]{3})\|(\d+)$/

/** A stored line, or undefined for a value this code never wrote (left out rather than trusted). */
export function decodeLine(sku: string, value: string): CartLine | undefined {
  const match = LINE.exec(value)
  if (!match) return undefined
  return {
    sku,
    quantity: Number(match[1]),
    addedPrice: { amount: Number(match[2]), currency: match[3]! },
    addedAt: Number(match[4]),
  }
}

/** Every line of a cart's hash, oldest first (the order the shopper added them). */
export const decodeCart = (hash: Record<string, string>): CartLine[] =>
  Object.entries(hash)
    .flatMap(([sku, value]) => decodeLine(sku, value) ?? [])
    .sort((a, b) => a.addedAt - b.addedAt || a.sku.localeCompare(b.sku))
