/** A line of an order: how many of one sku. */
export interface StockLine {
  sku: string
  quantity: number
}

export interface ShortLine {
  sku: string
  requested: number
  available: number
}

/**
 * The lines there is not enough of, given what each sku has available now (a sku inventory does
 * not track has none).
 */
export function shortLinesOf(lines: readonly StockLine[], available: ReadonlyMap<string, number>): ShortLine[] {
  return lines
    .map(({ sku, quantity }) => ({ sku, requested: quantity, available: Math.max(0, available.get(sku) ?? 0) }))
    .filter((line) => line.available < line.requested)
}

/** Lines in sku order: every transaction takes row locks in the same order, so two never deadlock. */
export const inLockOrder = <T extends { sku: string }>(lines: readonly T[]): T[] =>
  [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
