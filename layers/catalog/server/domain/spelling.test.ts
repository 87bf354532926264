import { describe, expect, it } from 'vitest'
import { buildVocabulary, createSpeller, editDistance, searchPrefixes, wordsOf } from './spelling'

const speller = createSpeller(
  buildVocabulary([
    { text: 'Jackets', weight: 10 },
    { text: 'Waxed Field Jacket', weight: 10 },
    { text: 'Headphones', weight: 10 },
    { text: 'Lumetra Wireless Headphones', weight: 10 },
    { text: 'Packed with a jacket pocket and a racket', weight: 1 },
    { text: 'Café crème', weight: 1 },
  ]),
)

describe('spelling help for search', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('jackt', 'jacket', 2)).toBe(1)
    expect(editDistance('headphnes', 'headphones', 2)).toBe(1)
    expect(editDistance('jakcet', 'jacket', 2)).toBe(1)
    expect(editDistance('jacket', 'racket', 2)).toBe(1)
    expect(editDistance('kitten', 'sitting', 5)).toBe(3)
    // Past the limit it stops early and says so.
    expect(editDistance('laptop', 'headphones', 2)).toBe(3)
  })

  it('replaces a word the catalog does not know with its nearest word, the commonest on a tie', () => {
    expect(speller.correct('jackt')).toBe('jacket')
    expect(speller.correct('headphnes')).toBe('headphones')
    expect(speller.correct('wireles headphnes')).toBe('wireless headphones')
    // "jacke" is one edit from "jacket" and "racket"; names outweigh a description.
    expect(speller.correct('jacke')).toBe('jacket')
  })

  it('leaves known words, other forms of them, short words, numbers and hopeless words alone', () => {
    expect(speller.correct('jacket')).toBeUndefined()
    expect(speller.correct('Lumetra headphone')).toBeUndefined()
    expect(speller.correct('jackets')).toBeUndefined()
    expect(speller.correct('cafe')).toBeUndefined()
    expect(speller.correct('jac')).toBeUndefined()
    expect(speller.correct('x200')).toBeUndefined()
    expect(speller.correct('trousers')).toBeUndefined()
  })

  it('reads words as a search box does', () => {
    expect(wordsOf('Rain-jacket, “Crème”  XL!')).toEqual(['rain', 'jacket', 'creme', 'xl'])
  })

  it('matches each word by what all its forms begin with', () => {
    expect(searchPrefixes('Batteries laptops laptop')).toEqual(['batter', 'laptop'])
    expect(searchPrefixes('headphones')).toEqual(['headphon'])
  })
})
