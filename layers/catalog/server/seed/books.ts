import { type DraftBody, type LeafTable, type ProductDraft, demoPrice, describe, kindDrafts } from './draft'
import type { Random } from './random'

const FIRST_NAMES = ['Margot', 'Elias', 'Ingrid', 'Tobias', 'Helena', 'Rafael', 'Clara', 'Jonas', 'Amara', 'Felix']
const LAST_NAMES = ['Vance', 'Halloway', 'Brandt', 'Okafor', 'Lindqvist', 'Moreau', 'Whitcombe', 'Ashdown', 'Varga']

const PUBLISHERS = [
  { name: 'Harbourlight Press', prefix: '80263' },
  { name: 'Quillon Books', prefix: '91547' },
  { name: 'Northfield & Grey', prefix: '83921' },
  { name: 'Meridian House', prefix: '72058' },
  { name: 'Blue Lantern Publishing', prefix: '64410' },
]

type Format = 'Hardcover' | 'Paperback' | 'E-book'
const FORMAT_SETS: Format[][] = [
  ['Hardcover', 'Paperback', 'E-book'],
  ['Paperback', 'E-book'],
  ['Hardcover', 'E-book'],
  ['Paperback'],
]
/** Relative to the paperback price: a hardcover costs more, an e-book less; the product shows the lowest. */
const FORMAT_MARKUP: Record<Format, number> = { Hardcover: 10_00, Paperback: 0, 'E-book': -3_00 }

interface Genre {
  /** Each genre has its own shelf of authors, who write several of its books (as authors do). */
  authors: string[]
  title: (random: Random) => { title: string; opening: string }
  notes: string[]
  euros: [number, number]
  pages: [number, number]
}

function authors(offset: number): string[] {
  return Array.from({ length: 8 }, (_, i) => {
    const n = offset + i
    return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 4 + 1) % LAST_NAMES.length]}`
  })
}

const CRIME_ADJECTIVES = ['Silent', 'Drowned', 'Last', 'Crimson', 'Hollow', 'Frozen', 'Forgotten', 'Ninth']
const CRIME_NOUNS = ['Witness', 'Harbour', 'Ledger', 'Alibi', 'Verdict', 'Orchard', 'Confession', 'Tide']
const SF_ADJECTIVES = ['Distant', 'Ninth', 'Burning', 'Glass', 'Drifting', 'Final', 'Shattered', 'Endless']
const SF_NOUNS = ['Orbit', 'Meridian', 'Archive', 'Signal', 'Colony', 'Horizon', 'Engine', 'Accord']

const CRIME: Genre = {
  authors: authors(0),
  title: (random) => {
    const place = random.pick([
      'Saltmarsh',
      'Kingsbridge',
      'Ravensholm',
      'the Old Mill',
      'Marlow Street',
      'Hollin Hall',
    ])
    const title = random.chance(0.6)
      ? `The ${random.pick(CRIME_ADJECTIVES)} ${random.pick(CRIME_NOUNS)}`
      : `${random.pick(['Murder at', 'Death at', 'The Secret of'])} ${place}`
    const detective = random.pick(['Inspector Hale', 'DS Mira Kovač', 'Detective Ruth Adair', 'DCI Bram Osei'])
    const opening = random.pick([
      `When a body is found near ${place}, ${detective} must unpick a town's oldest secrets.`,
      `A missing ledger, a drowned accountant and a village that would rather forget: ${detective} returns.`,
      `Twenty years after a fire at ${place}, a letter arrives that names the wrong culprit.`,
    ])
    return { title, opening }
  },
  notes: [
    'Taut, atmospheric and hard to put down.',
    'The twist in the final act is earned, not borrowed.',
    'A slow-burning mystery told in short, sharp chapters.',
    'The first in a series, and it reads perfectly on its own.',
  ],
  euros: [10, 16],
  pages: [240, 480],
}

const SCIENCE_FICTION: Genre = {
  authors: authors(8),
  title: (random) => {
    const place = random.pick(["Kepler's Reach", 'the Outer Ring', 'Titan', 'Vesper Station', 'the Long Dark'])
    const title = random.chance(0.55)
      ? `The ${random.pick(SF_ADJECTIVES)} ${random.pick(SF_NOUNS)}`
      : `${random.pick(['Children', 'Ghosts', 'Gardens', 'Echoes', 'Machines', 'Cartographers'])} of ${place}`
    const opening = random.pick([
      `On ${place}, the last archivist of a dying colony decodes a signal no one was meant to hear.`,
      `Three generations after the crossing, ${place} is running out of water, and of patience.`,
      `A linguist is sent to ${place} to talk to something that does not think in words.`,
    ])
    return { title, opening }
  },
  notes: [
    'Big ideas with a human heart.',
    'The world-building is rich but never gets in the way of the story.',
    'Winner of the Meridian Prize for speculative fiction.',
    'A standalone novel with an ending that lingers.',
  ],
  euros: [10, 18],
  pages: [280, 560],
}

const HISTORY: Genre = {
  authors: authors(16),
  title: (random) => {
    const hook = random.pick(['Salt and Silver', 'Ash and Iron', 'Ink and Empire', 'Rivers of Gold', 'Stone and Sail'])
    const theme = random.pick(['Trade and Power', 'Faith and Rebellion', 'Plague and Recovery', 'War and Diplomacy'])
    const place = random.pick(['Medieval Europe', 'the Hanseatic Ports', 'Renaissance Italy', 'Victorian London'])
    return {
      title: `${hook}: ${theme} in ${place}`,
      opening: `A vivid account of ${theme.toLowerCase()} in ${place}, told through letters, ledgers and lives.`,
    }
  },
  notes: [
    'Meticulously researched and wonderfully readable.',
    'Includes maps, a timeline and sixteen pages of plates.',
    'Overturns much of what we thought we knew.',
  ],
  euros: [14, 24],
  pages: [300, 640],
}

const TOPICS: Record<string, string[]> = {
  Sleep: ['The Hidden Clock', 'Night Shift'],
  Memory: ['The Forgetting Machine', 'Echoes in the Mind'],
  Bacteria: ['Small Wonders', 'The Invisible Majority'],
  Volcanoes: ['The Restless Planet', 'Fire Below'],
  'Black Holes': ['The Dark Between', 'Event Horizon'],
  Forests: ['Invisible Threads', 'The Patient Canopy'],
  Chance: ['The Shape of Chance', 'Rolling the Dice'],
  Light: ['Borrowed Light', 'The First Photon'],
}

const POPULAR_SCIENCE: Genre = {
  authors: authors(24),
  title: (random) => {
    const topic = random.pick(Object.keys(TOPICS))
    const frame = random.pick(['The Science of', 'A Short History of', 'The Hidden World of', 'What We Know About'])
    return {
      title: `${random.pick(TOPICS[topic] ?? [])}: ${frame} ${topic}`,
      opening: `Everything you wanted to know about ${topic.toLowerCase()}, explained with wit and without jargon.`,
    }
  },
  notes: [
    'No equations, plenty of wonder.',
    'Each chapter opens with a real experiment you can try at home.',
    'Shortlisted for the Northfield Science Book Award.',
  ],
  euros: [12, 22],
  pages: [220, 420],
}

/** A valid ISBN-13: 978, group 1, the publisher's prefix, a running title number, and the check digit. */
function isbn13(first12: string): string {
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0)
  return first12 + ((10 - (sum % 10)) % 10)
}

export function booksDrafts(taken: Set<string>): ProductDraft[] {
  // Title numbers are per catalog build, never module state, so every call yields the same ISBNs.
  const titleNumbers = new Map<string, number>()
  const book = (genre: Genre, random: Random): DraftBody => {
    const { title, opening } = genre.title(random)
    const author = random.pick(genre.authors)
    const publisher = random.pick(PUBLISHERS)
    const number = (titleNumbers.get(publisher.prefix) ?? 0) + 1
    titleNumbers.set(publisher.prefix, number)
    const format = random.weighted(FORMAT_SETS, [3, 4, 2, 1])
    const paperback = demoPrice(random, ...genre.euros)
    const price = Math.min(...format.map((name) => paperback + FORMAT_MARKUP[name]))
    return {
      name: title,
      description: describe(random, opening, [...genre.notes, `${author}'s most ambitious book yet.`]),
      price,
      attributes: {
        author,
        isbn: isbn13(`9781${publisher.prefix}${String(number).padStart(3, '0')}`),
        publisher: publisher.name,
        language: random.weighted(['English', 'German', 'French', 'Dutch'], [16, 2, 1, 1]),
        pages: random.int(...genre.pages),
        format,
      },
      variants: format.map((name) => ({
        name,
        attributes: { format: name },
        priceModifier: paperback + FORMAT_MARKUP[name] - price,
      })),
    }
  }
  const leaves: LeafTable[] = [
    { leaf: 'crime', count: 25, make: (random) => book(CRIME, random) },
    { leaf: 'science-fiction', count: 25, make: (random) => book(SCIENCE_FICTION, random) },
    { leaf: 'history', count: 25, make: (random) => book(HISTORY, random) },
    { leaf: 'popular-science', count: 25, make: (random) => book(POPULAR_SCIENCE, random) },
  ]
  return kindDrafts('books', 0xb00c, leaves, taken)
}
