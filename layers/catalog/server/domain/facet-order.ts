/**
 * The order a shopper expects a facet's values in: clothing sizes from small to large, shoe sizes
 * and quantities by number (8 GB before 16 GB, 512 GB before 1 TB, 60 Hz before 144 Hz), anything
 * else alphabetically with numbers read as numbers.
 */

const LETTER_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL']

// Units that scale one another; any other unit compares by its number among values of that unit.
const SCALES: Record<string, number> = { KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 }

/** A value's place when it is a quantity: [unit family, magnitude], or undefined for plain text. */
function quantityOf(value: string): [string, number] | undefined {
  const match = /^(\d+(?:[.,]\d+)?)\s*([A-Za-z"″]*)$/.exec(value.trim())
  if (!match) return undefined
  const number = Number(match[1]!.replace(',', '.'))
  const unit = match[2]!.toUpperCase()
  const scale = SCALES[unit]
  return scale ? ['bytes', number * scale] : [unit, number]
}

export function compareFacetValues(a: string, b: string): number {
  const sizeA = LETTER_SIZES.indexOf(a.toUpperCase())
  const sizeB = LETTER_SIZES.indexOf(b.toUpperCase())
  if (sizeA >= 0 && sizeB >= 0) return sizeA - sizeB
  if (sizeA >= 0 || sizeB >= 0) return sizeA >= 0 ? -1 : 1
  const quantityA = quantityOf(a)
  const quantityB = quantityOf(b)
  if (quantityA && quantityB && quantityA[0] === quantityB[0]) return quantityA[1] - quantityB[1]
  if (quantityA && !quantityB) return -1
  if (quantityB && !quantityA) return 1
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })
}
