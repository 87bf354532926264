import { stem } from 'porter2'

/**
 * Spelling help for search, drawn from the catalog's own words. A text search only finds words its
 * index holds, so a word the catalog does not know can only miss: replacing it with the nearest word
 * the catalog does know loses nothing and finds what the shopper meant ("jackt" → "jacket").
 */

/** The catalog's words: each with how often it occurs, heavier where a shopper looks (names, brands). */
export type Vocabulary = Record<string, number>

/** A text and how much its words count as spelling suggestions. */
export interface WeightedText {
  text: string
  weight: number
}

/** Shorter words are left alone: at one or two letters apart they could be anything. */
const MIN_CORRECTABLE_LENGTH = 4

/** Words as the search box sees them: letters and digits, lower-cased, without diacritics. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  )
}

export function buildVocabulary(texts: Iterable<WeightedText>): Vocabulary {
  const vocabulary: Vocabulary = {}
  for (const { text, weight } of texts)
    for (const word of wordsOf(text)) vocabulary[word] = (vocabulary[word] ?? 0) + weight
  return vocabulary
}

/** How many edits a word of this length may be from the word it is taken for. */
const allowedEdits = (length: number) => (length < MIN_CORRECTABLE_LENGTH ? 0 : length < 7 ? 1 : 2)

/**
 * The optimal string alignment distance (insertions, deletions, substitutions and swaps of two
 * neighbours), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let beforePrevious: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMinimum = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, beforePrevious[j - 2]! + 1)
      current.push(value)
      rowMinimum = Math.min(rowMinimum, value)
    }
    if (rowMinimum > max) return max + 1
    beforePrevious = previous
    previous = current
  }
  return previous[b.length]!
}

/** Corrects searches against one vocabulary; built once per copy of it, since stemming it takes a while. */
export interface Speller {
  /**
   * The search with every word the catalog does not know replaced by its nearest known word, or
   * undefined when there is nothing to correct (or nothing near enough to correct it to).
   */
  correct(search: string): string | undefined
}

export function createSpeller(vocabulary: Vocabulary): Speller {
  const stems = new Set(Object.keys(vocabulary).map((word) => stem(word)))
  // Known in this form or another with the same stem ("jackets", "jacket").
  const knows = (word: string) => word in vocabulary || stems.has(stem(word))

  /** The catalog's word nearest to an unknown one: fewest edits, then the most common. */
  const nearest = (word: string) => {
    const max = allowedEdits(word.length)
    if (max === 0 || /\p{N}/u.test(word)) return undefined
    let best: { word: string; distance: number; weight: number } | undefined
    for (const [candidate, weight] of Object.entries(vocabulary)) {
      const distance = editDistance(word, candidate, max)
      if (distance > max) continue
      if (!best || distance < best.distance || (distance === best.distance && weight > best.weight))
        best = { word: candidate, distance, weight }
    }
    return best?.word
  }

  return {
    correct(search) {
      let changed = false
      const words = wordsOf(search).map((word) => {
        if (knows(word)) return word
        const replacement = nearest(word)
        if (replacement === undefined) return word
        changed = true
        return replacement
      })
      return changed ? words.join(' ') : undefined
    },
  }
}

/**
 * What each of a search's words begins with in any of its forms: the part the word shares with its
 * stem, short of a stem's closing "i" that stands for a "y" ("batteries" and "battery" both begin
 * "batter"; their stem is "batteri").
 */
export const searchPrefixes = (search: string): string[] => [
  ...new Set(
    wordsOf(search).map((word) => {
      const root = stem(word)
      let length = 0
      while (length < root.length && root[length] === word[length]) length++
      if (length === root.length && root.endsWith('i')) length--
      return word.slice(0, Math.max(length, Math.min(word.length, 3)))
    }),
  ),
]
