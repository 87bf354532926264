import {
  type DraftBody,
  type LeafTable,
  type ProductDraft,
  type VariantDraft,
  demoPrice,
  describe,
  kindDrafts,
} from './draft'
import type { Random } from './random'

const BRANDS = ['Voltra', 'Auralis', 'Kestrel', 'Novum', 'Lumetra', 'Brightwave', 'Orbitek', 'Halcyon'] as const

/** One variant per colour at the same price: the `color` attribute lists them so the colour facet finds the product. */
function colourVariants(colours: string[]): VariantDraft[] {
  return colours.map((color) => ({ name: color, attributes: { color }, priceModifier: 0 }))
}

/** Memory sets the price band: it is what separates an office laptop from a workstation. */
const LAPTOP_EUROS: Record<string, [number, number]> = {
  '8 GB': [549, 899],
  '16 GB': [799, 1499],
  '32 GB': [1299, 2299],
  '64 GB': [1999, 2999],
}

function laptop(random: Random): DraftBody {
  const brand = random.pick(BRANDS)
  const line = random.pick(['ProBook', 'AirBook', 'Studio', 'Nomad', 'Zen', 'Flex', 'Forge', 'Edge'])
  const inches = random.pick([13, 14, 15, 16])
  const edition = random.pick(['', 'Pro', 'Plus', 'Ultra', 'OLED', 'Creator'])
  const ram = random.weighted(['8 GB', '16 GB', '32 GB', '64 GB'], [2, 5, 3, 1])
  const storage = random.weighted(['256 GB', '512 GB', '1 TB', '2 TB'], [2, 5, 3, 1])
  const [min, max] = LAPTOP_EUROS[ram] ?? [549, 2999]
  const colours = random.chance(0.35) ? random.sample(['Space Grey', 'Silver', 'Midnight Blue', 'Sand'], 2) : []
  return {
    name: [brand, line, inches, edition, 'Laptop'].filter(Boolean).join(' '),
    description: describe(
      random,
      `The ${line} ${inches} pairs ${ram} of memory with a ${storage} SSD in an aluminium body.`,
      [
        'The backlit keyboard has a comfortable 1.5 mm key travel.',
        'A full day of battery life on typical office work.',
        'Two USB-C ports charge the laptop and drive an external display.',
        'The 1080p webcam has a physical privacy shutter.',
        'Fast charging reaches 50% in about 30 minutes.',
        'Quiet enough for a library, even under load.',
      ],
    ),
    price: demoPrice(random, min, max, 50),
    attributes: { brand, ram, storage, screen: `${inches}"`, ...(colours.length ? { color: colours } : {}) },
    variants: colourVariants(colours),
  }
}

/** The resolutions actually sold at each size (nobody makes a 24-inch ultrawide). */
const RESOLUTIONS: Record<number, string[]> = {
  24: ['Full HD', 'QHD'],
  27: ['QHD', '4K UHD'],
  32: ['4K UHD'],
  34: ['UWQHD'],
}

function monitor(random: Random): DraftBody {
  const brand = random.pick(BRANDS)
  const line = random.pick(['Vista', 'Panorama', 'ClearView', 'Prism', 'Horizon', 'Spectra'])
  const inches = random.pick([24, 27, 32, 34])
  const resolution = random.pick(RESOLUTIONS[inches] ?? ['Full HD'])
  const refreshRate = random.pick([60, 75, 144, 165, 240])
  const gaming = refreshRate >= 144
  return {
    name: [brand, line, inches, resolution, gaming ? 'Gaming Monitor' : 'Monitor'].join(' '),
    description: describe(random, `A ${inches}-inch ${resolution} panel refreshing at ${refreshRate} Hz.`, [
      gaming ? 'Adaptive sync keeps fast games free of tearing.' : 'Factory-calibrated colour for photo work.',
      'The stand adjusts for height, tilt and swivel.',
      'A single USB-C cable carries picture, data and 65 W of power.',
      'Flicker-free backlight and a low blue light mode are easy on the eyes.',
      'Thin bezels on three sides make multi-screen setups seamless.',
    ]),
    price: demoPrice(random, inches === 24 ? 129 : 229, inches >= 32 ? 899 : 549, 10),
    attributes: { brand, screen: `${inches}"`, resolution, refreshRate },
    variants: [],
  }
}

function headphones(random: Random): DraftBody {
  const brand = random.pick(BRANDS)
  const line = random.pick(['Aria', 'Pulse', 'Echo', 'Drift', 'Quietude', 'Tempo', 'Nova'])
  const type = random.weighted(['Over-ear', 'On-ear', 'In-ear'], [3, 1, 2])
  const wireless = type === 'In-ear' ? random.chance(0.85) : random.chance(0.7)
  const noiseCancelling = wireless && random.chance(0.6)
  const build = { 'Over-ear': 'Over-Ear Headphones', 'On-ear': 'On-Ear Headphones', 'In-ear': 'Earbuds' }[type]
  const feature = noiseCancelling ? 'Noise-Cancelling' : wireless ? 'Wireless' : 'Wired'
  const colours = random.chance(0.6) ? random.sample(['Black', 'White', 'Sand', 'Navy', 'Sage'], random.int(2, 4)) : []
  return {
    name: `${brand} ${line} ${random.int(1, 5)} ${feature} ${build}`,
    description: describe(
      random,
      `${type} ${wireless ? 'wireless' : 'wired'} headphones tuned for a warm, detailed sound.`,
      [
        noiseCancelling
          ? 'Adaptive noise cancelling quietens trains, planes and open offices.'
          : 'Passive isolation keeps the sound in.',
        wireless
          ? 'Up to 30 hours of playback, and 3 hours from a 10-minute charge.'
          : 'No batteries to charge: plug in and listen.',
        'Memory-foam cushions stay comfortable through long sessions.',
        'Multipoint pairing switches between laptop and phone by itself.',
        'Folds flat into the included travel case.',
      ],
    ),
    price: demoPrice(random, type === 'In-ear' ? 39 : 59, noiseCancelling ? 399 : 199, 10),
    attributes: { brand, type, wireless, noiseCancelling, ...(colours.length ? { color: colours } : {}) },
    variants: colourVariants(colours),
  }
}

function speaker(random: Random): DraftBody {
  const brand = random.pick(BRANDS)
  const line = random.pick(['Boom', 'Cube', 'Halo', 'Stage', 'Pebble', 'Tower'])
  const type = random.pick(['Portable', 'Bookshelf', 'Smart', 'Soundbar'] as const)
  const wireless = type === 'Portable' || type === 'Smart' || random.chance(0.6)
  const product = {
    Portable: 'Portable Bluetooth Speaker',
    Bookshelf: 'Bookshelf Speakers',
    Smart: 'Smart Speaker',
    Soundbar: 'Soundbar',
  }[type]
  const colours = type === 'Portable' && random.chance(0.7) ? random.sample(['Black', 'Coral', 'Teal', 'Stone'], 3) : []
  const power = random.pick([20, 40, 60, 100, 150])
  return {
    name: `${brand} ${line} ${random.int(1, 4)} ${product}`,
    description: describe(random, `${power} W of clear, room-filling sound from a ${type.toLowerCase()} design.`, [
      type === 'Portable'
        ? 'Waterproof to IP67 and floats if it falls in the pool.'
        : 'Room calibration adapts the sound to where it stands.',
      'Pair two for true stereo.',
      wireless ? 'Streams over Bluetooth 5.3 and Wi-Fi.' : 'Connects over optical, HDMI ARC or analogue inputs.',
      'The fabric cover is made from recycled bottles.',
    ]),
    price: demoPrice(random, type === 'Portable' ? 49 : 99, type === 'Soundbar' ? 799 : 449, 10),
    attributes: { brand, type, wireless, power, ...(colours.length ? { color: colours } : {}) },
    variants: colourVariants(colours),
  }
}

const STORAGE_STEPS = ['128 GB', '256 GB', '512 GB', '1 TB']

function smartphone(random: Random): DraftBody {
  const brand = random.pick(BRANDS)
  const line = random.pick(['Aero', 'Luma', 'Spark', 'Orbit', 'Zenith', 'Axis'])
  const edition = random.pick(['', 'Pro', 'Pro Max', 'Lite', 'Plus', 'Mini'])
  const first = edition.startsWith('Pro') ? 1 : 0
  // A Lite comes in one size, so it has no variants; the others step up in storage at a higher price.
  const storage = STORAGE_STEPS.slice(first, first + (edition === 'Lite' ? 1 : random.int(2, 3)))
  const camera = random.pick([12, 48, 50, 64, 108, 200])
  const screen = `${random.pick(['5.8', '6.1', '6.4', '6.7', '6.8'])}"`
  return {
    name: [brand, line, random.int(5, 12), edition, random.chance(0.3) ? '5G' : ''].filter(Boolean).join(' '),
    description: describe(random, `A ${screen} OLED display and a ${camera} MP main camera in a slim glass body.`, [
      'All-day battery with 45 W wired and 15 W wireless charging.',
      'Five years of security and system updates.',
      'Night mode brings out detail in low light without a tripod.',
      'Rated IP68 against dust and water.',
      'Dual SIM with eSIM support.',
    ]),
    price: demoPrice(random, edition === 'Lite' ? 199 : 399, edition.startsWith('Pro') ? 1399 : 899, 50),
    attributes: { brand, storage, screen, camera },
    variants:
      storage.length > 1
        ? storage.map((size, index) => ({ name: size, attributes: { storage: size }, priceModifier: index * 100_00 }))
        : [],
  }
}

const LEAVES: LeafTable[] = [
  { leaf: 'laptops', count: 30, make: laptop },
  { leaf: 'monitors', count: 20, make: monitor },
  { leaf: 'headphones', count: 25, make: headphones },
  { leaf: 'speakers', count: 20, make: speaker },
  { leaf: 'smartphones', count: 25, make: smartphone },
]

export function electronicsDrafts(taken: Set<string>): ProductDraft[] {
  return kindDrafts('electronics', 0xe1ec, LEAVES, taken)
}
