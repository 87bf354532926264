/**
 * How many units a sku the catalog just created starts with. A real shop counts what it receives
 * (an admin sets it), so it starts at none. The demo shop starts each sku with a plausible count
 * that depends on the sku alone, the same on every machine and every restart, with a few skus
 * low or sold out so the pages show every state.
 */
export type StartingStock = 'demo' | 'none'

/** FNV-1a: a stable, well-spread number from the sku's characters. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

export function startingStockOf(sku: string, policy: StartingStock): number {
  if (policy === 'none') return 0
  const h = hash(sku)
  const bucket = h % 100
  if (bucket < 4) return 0 // sold out
  if (bucket < 12) return 1 + ((h >>> 8) % 5) // only a few left
  return 10 + ((h >>> 8) % 140)
}
