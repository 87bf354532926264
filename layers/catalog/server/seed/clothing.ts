import { type DraftBody, type LeafTable, type ProductDraft, demoPrice, describe, kindDrafts } from './draft'
import type { Random } from './random'

const BRANDS = [
  'Northway',
  'Fjellgard',
  'Mariner & Co.',
  'Atelier Lune',
  'Coastline',
  'Harlow & Finch',
  'Pinecrest',
  'Solène',
] as const

const LETTER_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL']
const SHOE_SIZES = ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46', '47']

/** A garment and the materials it is plausibly made of, so no "Linen Shirt in Wool" turns up. */
type Garments = Record<string, string[]>

interface ClothingLeaf {
  garments: Garments
  sizes: string[]
  /** How many consecutive sizes a product is cut in: nobody offers XS and XXL but nothing between. */
  sizeRun: [number, number]
  colours: string[]
  euros: [number, number]
  notes: string[]
}

const CARE = [
  'Machine washable at 30 °C.',
  'Made in Portugal in a family-run workshop.',
  'Pre-washed, so it keeps its size.',
]

const SHIRTS: ClothingLeaf = {
  garments: {
    'Oxford Shirt': ['Organic Cotton', 'Cotton'],
    'Poplin Shirt': ['Cotton', 'Organic Cotton'],
    'Flannel Shirt': ['Brushed Cotton', 'Wool Blend'],
    'Camp-Collar Shirt': ['Linen', 'Linen Blend'],
    'Western Shirt': ['Denim', 'Corduroy'],
    Overshirt: ['Wool Blend', 'Corduroy', 'Cotton Twill'],
  },
  sizes: LETTER_SIZES,
  sizeRun: [4, 5],
  colours: ['Navy', 'White', 'Light Blue', 'Olive', 'Charcoal', 'Stone', 'Burgundy', 'Black'],
  euros: [39, 99],
  notes: [...CARE, 'Corozo buttons and a curved hem that works tucked or untucked.', 'A chest pocket with a pen slot.'],
}

const JACKETS: ClothingLeaf = {
  garments: {
    'Field Jacket': ['Waxed Cotton', 'Cotton Twill'],
    'Puffer Jacket': ['Recycled Nylon', 'Recycled Polyester'],
    'Rain Jacket': ['Recycled Polyester', 'Nylon Ripstop'],
    'Bomber Jacket': ['Nylon', 'Suede'],
    'Chore Jacket': ['Cotton Canvas', 'Moleskin'],
    Overcoat: ['Wool', 'Wool-Cashmere Blend'],
    'Trucker Jacket': ['Denim', 'Corduroy'],
  },
  sizes: LETTER_SIZES,
  sizeRun: [4, 5],
  colours: ['Navy', 'Olive', 'Black', 'Camel', 'Charcoal', 'Rust'],
  euros: [89, 299],
  notes: [
    ...CARE,
    'Two-way zip and storm flap.',
    'Roomy enough for a knit underneath.',
    'Inside pocket sized for a phone.',
  ],
}

const DRESSES: ClothingLeaf = {
  garments: {
    'Wrap Dress': ['Viscose', 'Silk'],
    'Midi Dress': ['Linen', 'Cotton Poplin'],
    'Shirt Dress': ['Cotton', 'Linen'],
    'Slip Dress': ['Satin', 'Silk'],
    'Knit Dress': ['Merino Wool', 'Cotton Knit'],
    'Maxi Dress': ['Viscose', 'Linen'],
    'Tea Dress': ['Crepe', 'Viscose'],
  },
  sizes: LETTER_SIZES,
  sizeRun: [4, 5],
  colours: ['Black', 'Ivory', 'Sage', 'Terracotta', 'Dusty Rose', 'Cobalt', 'Mustard', 'Navy'],
  euros: [49, 179],
  notes: [...CARE, 'Hidden side pockets.', 'Falls just below the knee on most heights.', 'Fully lined.'],
}

const TOPS: ClothingLeaf = {
  garments: {
    'Crew-Neck T-Shirt': ['Organic Cotton', 'Cotton Jersey'],
    Blouse: ['Silk', 'Viscose'],
    'Tank Top': ['Ribbed Cotton', 'Linen'],
    'Long-Sleeve Top': ['Merino Wool', 'Organic Cotton'],
    Camisole: ['Satin', 'Silk'],
    Turtleneck: ['Merino Wool', 'Cashmere'],
  },
  sizes: LETTER_SIZES,
  sizeRun: [4, 6],
  colours: ['Black', 'White', 'Ivory', 'Sage', 'Dusty Rose', 'Navy', 'Grey Marl'],
  euros: [19, 89],
  notes: [...CARE, 'A relaxed fit that layers well.', 'Soft enough to wear next to the skin.'],
}

const SNEAKERS: ClothingLeaf = {
  garments: {
    Runner: ['Recycled Mesh', 'Knit'],
    'Court Sneaker': ['Leather', 'Suede'],
    'High-Top Sneaker': ['Canvas', 'Leather'],
    'Trail Runner': ['Recycled Mesh', 'Ripstop'],
    'Slip-On Sneaker': ['Canvas', 'Knit'],
  },
  sizes: SHOE_SIZES,
  sizeRun: [6, 8],
  colours: ['White', 'Black', 'Grey', 'Navy', 'Off-White', 'Tan'],
  euros: [69, 179],
  notes: ['A removable cork insole.', 'Natural rubber outsole with a grippy tread.', 'Runs true to size.'],
}

function withArticle(phrase: string): string {
  return `${/^[aeiou]/.test(phrase) ? 'An' : 'A'} ${phrase}`
}

function clothing(leaf: ClothingLeaf, random: Random): DraftBody {
  const brand = random.pick(BRANDS)
  const style = random.pick(['', 'Classic', 'Relaxed', 'Slim', 'Everyday', 'Heritage', 'Essential', 'Weekend'])
  const garment = random.pick(Object.keys(leaf.garments))
  const material = random.pick(leaf.garments[garment] ?? [])
  const run = random.int(...leaf.sizeRun)
  const start = random.int(0, leaf.sizes.length - run)
  const size = leaf.sizes.slice(start, start + run)
  const color = random.sample(leaf.colours, random.int(2, 3))
  const kind = [style, garment].filter(Boolean).join(' ').toLowerCase()
  return {
    name: [brand, style, garment, 'in', material].filter(Boolean).join(' '),
    description: describe(random, `${withArticle(kind)} in ${material.toLowerCase()} by ${brand}.`, leaf.notes),
    price: demoPrice(random, ...leaf.euros, 5),
    attributes: { brand, material, color, size },
    // Every size in every colour is stocked; the largest size takes more cloth, so it costs a little more.
    variants: color.flatMap((colour) =>
      size.map((value) => ({
        name: `${value} / ${colour}`,
        attributes: { size: value, color: colour },
        priceModifier: value === 'XXL' ? 200 : 0,
      })),
    ),
  }
}

const LEAVES: LeafTable[] = [
  { leaf: 'shirts', count: 22, make: (random) => clothing(SHIRTS, random) },
  { leaf: 'jackets', count: 18, make: (random) => clothing(JACKETS, random) },
  { leaf: 'dresses', count: 20, make: (random) => clothing(DRESSES, random) },
  { leaf: 'tops', count: 20, make: (random) => clothing(TOPS, random) },
  { leaf: 'sneakers', count: 20, make: (random) => clothing(SNEAKERS, random) },
]

export function clothingDrafts(taken: Set<string>): ProductDraft[] {
  return kindDrafts('clothing', 0xc107, LEAVES, taken)
}
