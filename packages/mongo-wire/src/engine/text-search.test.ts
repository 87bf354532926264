import type { Document } from 'bson'
import { describe, expect, it } from 'vitest'
import { TextIndex, textIndexSpec } from './text-search'

/** A text index over `index` holding `documents`, keyed by their position in the list. */
function indexOf(index: Document, documents: Document[]): TextIndex {
  const text = new TextIndex(textIndexSpec(index))
  documents.forEach((document, i) => text.put(String(i), document))
  return text
}

const search = (index: TextIndex, $search: string, options: Document = {}) =>
  Object.fromEntries(index.search({ $search, ...options }))

/** Matching keys, best score first. */
const ranking = (index: TextIndex, $search: string) =>
  [...index.search({ $search })].sort(([, a], [, b]) => b - a).map(([key]) => key)

describe('textIndexSpec', () => {
  it('reads fields, weights and languages, with MongoDB defaults', () => {
    expect(textIndexSpec({ key: { name: 'text', description: 'text' }, name: 'name_text_description_text' })).toEqual({
      weights: { name: 1, description: 1 },
      defaultLanguage: 'english',
      languageOverride: 'language',
    })
    // Weighted fields outside the key are indexed too; weights are stored as integers.
    expect(
      textIndexSpec({
        key: { category: 1, name: 'text' },
        weights: { name: 10.7, 'details.material': 2 },
        default_language: 'none',
        language_override: 'lang',
      }),
    ).toEqual({ weights: { name: 10, 'details.material': 2 }, defaultLanguage: 'none', languageOverride: 'lang' })
    expect(textIndexSpec({ key: { '$**': 'text' } }).weights).toEqual({ '$**': 1 })
    // The form listIndexes shows: the fields live in `weights`.
    expect(textIndexSpec({ key: { _fts: 'text', _ftsx: 1 }, weights: { name: 3 } }).weights).toEqual({ name: 3 })
  })

  it.each([
    [{ key: { name: 'text' }, weights: { name: 'heavy' } }, 'weight for text index needs numeric type'],
    [
      { key: { name: 'text' }, weights: { name: 0.5 } },
      'text index weight must be in the exclusive interval (0,100000) but found: 0',
    ],
    [{ key: { name: 'text' }, weights: { name: 100_000 } }, 'exclusive interval (0,100000) but found: 100000'],
    [{ key: { name: 'text' }, weights: ['name'] }, "text index option 'weights' must be an object"],
    [{ key: { name: 'text' }, weights: { 'a.$b': 1 } }, 'weight cannot have path component with $ prefix'],
    [{ key: { name: 'text' }, weights: { 'a..b': 1 } }, 'weight cannot have empty path component'],
    [{ key: { name: 'text' }, default_language: 'klingon' }, 'default_language is not valid'],
    [{ key: { name: 'text' }, default_language: 1 }, 'default_language needs a string type'],
    [{ key: { name: 'text' }, language_override: 'a.b' }, 'language_override is not valid'],
    [{ key: { name: 'text' }, language_override: 7 }, 'language_override must be a string'],
    [{ key: { name: 'text', price: 1, description: 'text' } }, "'text' fields in index must all be adjacent"],
    [{ key: { name: 'text', category: 'hashed' } }, 'expected value 1 or -1 for non-text key in compound index'],
    [{ key: { _ftsx: 'text' } }, 'text index with reserved fields _fts/_ftsx not allowed'],
    [{ key: { name: 1 } }, "text index key pattern has no 'text' field"],
    [{ key: { name: 'text' }, textIndexVersion: 1 }, 'bad textIndexVersion: 1'],
  ])('rejects %j', (index, message) => {
    expect(() => textIndexSpec(index)).toThrow(message)
  })
})

describe('TextIndex.search', () => {
  it('scores fields exactly as MongoDB’s _scoreStringV2 does', () => {
    const text = indexOf({ key: { name: 'text', description: 'text' }, weights: { name: 2 } }, [
      { name: 'Run', description: 'Run the trail, then run home' },
      { name: 'Trail shoes', description: 'Shoes for running on a trail' },
    ])
    // Document 0, query term "run" (stem of "running"):
    //   name "Run": 1 token; count 1, freq 1, coeff 0.5*1/1+0.5 = 1; the raw field equals the term: ×1.1
    //     -> 2 (weight) * 1 * 1 * 1.1 = 2.2
    //   description: "the" and "then" are stop words, so the tokens are run, trail, run, home (4)
    //     run: count 2, freq 1 + 1/2 = 1.5, coeff 0.5*2/4+0.5 = 0.75 -> 1 * 1.5 * 0.75 = 1.125
    //     trail: count 1, freq 1, coeff 0.5*1/4+0.5 = 0.625 -> 0.625
    //   run = 2.2 + 1.125 = 3.325; run + trail = 3.325 + 0.625 = 3.95
    // Document 1:
    //   name "Trail shoes": tokens trail, shoe (2); each coeff 0.5*1/2+0.5 = 0.75 -> 2 * 0.75 = 1.5
    //   description: "for", "on", "a" are stop words: shoe, run, trail (3); each coeff 0.5/3+0.5 = 2/3
    //   run = 2/3; run + trail = 2/3 + (1.5 + 2/3) = 2.8333…
    const running = search(text, 'running')
    expect(running['0']).toBeCloseTo(3.325, 12)
    expect(running['1']).toBeCloseTo(2 / 3, 12)
    const both = search(text, 'running trails')
    expect(both['0']).toBeCloseTo(3.95, 12)
    expect(both['1']).toBeCloseTo(1.5 + 4 / 3, 12)
  })

  it('matches stemmed forms: running finds run, shoes finds shoe', () => {
    const text = indexOf({ key: { name: 'text' } }, [
      { name: 'run' },
      { name: 'Runs daily' },
      { name: 'leather shoe' },
      { name: 'ran' },
    ])
    expect(Object.keys(search(text, 'running')).sort()).toEqual(['0', '1'])
    expect(Object.keys(search(text, 'shoes'))).toEqual(['2'])
  })

  it('ignores stop words in the query and in the field length', () => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: 'The Lamp' }, { name: 'lamp' }])
    expect(search(text, 'the and of')).toEqual({})
    // "The" is not a token: "lamp" is 1 of 1 (coeff 1); only the bare "lamp" field gets the ×1.1.
    expect(search(text, 'the lamp')).toEqual({ 0: 1, 1: 1.1 })
  })

  it('ranks an exact single-word name above a mention in a longer description', () => {
    const text = indexOf({ key: { name: 'text', description: 'text' } }, [
      { name: 'Desk with drawers', description: 'Pairs well with a good reading lamp and a chair' },
      { name: 'Lamp', description: 'Bright and warm' },
    ])
    // 1: name "Lamp" is the whole field: 1 * 1 * 1 * 1.1 = 1.1.
    // 0: description tokens pair, well, good, read, lamp, chair (6): 1 * 1 * (0.5/6 + 0.5) ≈ 0.5833.
    const scores = search(text, 'lamp')
    expect(scores['1']).toBeCloseTo(1.1, 12)
    expect(scores['0']).toBeCloseTo(0.5 / 6 + 0.5, 12)
    expect(ranking(text, 'lamp')).toEqual(['1', '0'])
  })

  it('lets weights change the ranking', () => {
    // "oak": 0.75 in the two-word name, 0.5/6 + 0.5 ≈ 0.58 in the six-token description (×5 when weighted).
    const documents = [
      { name: 'Oak table', description: 'Solid wood' },
      { name: 'Bench', description: 'Bench in oak with a matching table top and cushions' },
    ]
    expect(ranking(indexOf({ key: { name: 'text', description: 'text' } }, documents), 'oak')).toEqual(['0', '1'])
    const weighted = { key: { name: 'text', description: 'text' }, weights: { description: 5 } }
    expect(ranking(indexOf(weighted, documents), 'oak')).toEqual(['1', '0'])
  })

  it('requires every phrase, case-insensitively, and scores its words', () => {
    const text = indexOf({ key: { name: 'text', description: 'text' } }, [
      { name: 'Red leather bag', description: 'Roomy' },
      { name: 'Leather bag, red', description: 'Roomy' },
      { name: 'Blue bag', description: 'Red leather trim, roomy inside' },
    ])
    expect(Object.keys(search(text, '"RED LEATHER"')).sort()).toEqual(['0', '2'])
    expect(Object.keys(search(text, '"red leather" "roomy inside"'))).toEqual(['2'])
    // Phrase words are terms: "red leather" scores red and leather like `red leather` would.
    expect(search(text, '"red leather"')['0']).toBeCloseTo(search(text, 'red leather')['0']!, 12)
    expect(search(text, '"leather red"')).toEqual({})
  })

  it('excludes negated words and phrases, and matches nothing on negations alone', () => {
    const text = indexOf({ key: { name: 'text' } }, [
      { name: 'red leather bag' },
      { name: 'red canvas bag' },
      { name: 'blue leather bag' },
    ])
    expect(Object.keys(search(text, 'bag -leather'))).toEqual(['1'])
    expect(Object.keys(search(text, 'bag -"red leather"')).sort()).toEqual(['1', '2'])
    expect(Object.keys(search(text, 'bag -red-canvas'))).toEqual(['2'])
    // "- red" is no negation (a space follows the dash), and a hyphenated word is two positive words.
    expect(Object.keys(search(text, 'bag - red')).sort()).toEqual(['0', '1', '2'])
    expect(Object.keys(search(text, 'red-canvas')).sort()).toEqual(['0', '1'])
    expect(search(text, '-leather')).toEqual({})
    expect(search(text, '-"red leather"')).toEqual({})
  })

  it('honours $caseSensitive for terms and phrases', () => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: 'Apple iPhone case' }, { name: 'apple pie' }])
    expect(Object.keys(search(text, 'apple')).sort()).toEqual(['0', '1'])
    expect(Object.keys(search(text, 'Apple', { $caseSensitive: true }))).toEqual(['0'])
    expect(Object.keys(search(text, 'iphone', { $caseSensitive: true }))).toEqual([])
    expect(Object.keys(search(text, '"apple iphone"', { $caseSensitive: true }))).toEqual([])
    expect(Object.keys(search(text, '"Apple iPhone"', { $caseSensitive: true }))).toEqual(['0'])
    expect(Object.keys(search(text, 'apple "apple pie"', { $caseSensitive: true }))).toEqual(['1'])
  })

  it('ignores diacritics unless $diacriticSensitive', () => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: 'Café crème' }, { name: 'cafe latte' }])
    expect(Object.keys(search(text, 'CAFÉ')).sort()).toEqual(['0', '1'])
    expect(Object.keys(search(text, '"cafe creme"'))).toEqual(['0'])
    expect(Object.keys(search(text, 'café', { $diacriticSensitive: true }))).toEqual(['0'])
    expect(Object.keys(search(text, 'cafe', { $diacriticSensitive: true }))).toEqual(['1'])
  })

  it('splits words where MongoDB does', () => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: "Don't miss: the shop's best_seller!" }])
    expect(Object.keys(search(text, 'shop'))).toEqual(['0'])
    expect(Object.keys(search(text, 'best_seller'))).toEqual(['0'])
    // `_` joins words, and "don't" is one word: a stop word.
    expect(search(text, 'best seller')).toEqual({})
    expect(search(text, 'don')).toEqual({})
  })

  it('indexes every string under a wildcard index, but not the language field', () => {
    const text = indexOf({ key: { '$**': 'text' } }, [
      { sku: 'X-1', details: { material: 'organic cotton', sizes: ['small', 'large'] }, stock: 4 },
      { sku: 'X-2', language: 'english', variants: [{ color: 'navy' }] },
    ])
    expect(Object.keys(search(text, 'cotton'))).toEqual(['0'])
    expect(Object.keys(search(text, 'large'))).toEqual(['0'])
    expect(Object.keys(search(text, 'navy'))).toEqual(['1'])
    expect(search(text, 'english')).toEqual({})
  })

  it('takes weights under a wildcard index as MongoDB does: from the next weighted path in sort order', () => {
    const text = indexOf({ key: { '$**': 'text' }, weights: { name: 10 } }, [
      { name: 'wool' },
      { description: 'wool' }, // "description" sorts before "name": it gets name's weight
      { title: 'wool' }, // nothing sorts at or after "title": weight 1
    ])
    const scores = search(text, 'wool')
    expect(scores['0']).toBeCloseTo(10 * 1.1, 12)
    expect(scores['1']).toBeCloseTo(10 * 1.1, 12)
    expect(scores['2']).toBeCloseTo(1.1, 12)
  })

  it('scores each array element as its own string, and follows dotted paths', () => {
    const text = indexOf({ key: { tags: 'text', 'variants.color': 'text', 'details.material': 'text' } }, [
      { tags: ['summer sale', 'cotton'] },
      { variants: [{ color: 'navy blue' }, { color: 'red' }], details: { material: 'cotton' } },
      { details: 'cotton', variants: 'red' }, // strings where subdocuments are expected are not indexed
    ])
    // 0: element "cotton" is one token equal to the field: 1.1; element "summer sale": summer 0.5/2+0.5 = 0.75.
    // 1: details.material "cotton": 1.1.
    const scores = search(text, 'cotton summer')
    expect(scores['0']).toBeCloseTo(1.1 + 0.75, 12)
    expect(scores['1']).toBeCloseTo(1.1, 12)
    expect(Object.keys(search(text, 'red')).sort()).toEqual(['1'])
  })

  it('analyses each document in its own language, and searches in $language', () => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: 'running', language: 'none' }, { name: 'running' }])
    expect(Object.keys(search(text, 'runs'))).toEqual(['1'])
    expect(Object.keys(search(text, 'running', { $language: 'none' }))).toEqual(['0'])
    expect(() => text.put('2', { name: 'run', language: 'klingon' })).toThrow('language override unsupported: klingon')
    expect(() => text.put('1', { name: 'walk', language: 3 })).toThrow(
      'found language override field in document with non-string type',
    )
    // A refused document leaves the index unchanged.
    expect(Object.keys(search(text, 'runs'))).toEqual(['1'])
  })

  it('replaces a document on put and forgets it on delete', () => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: 'green tea' }, { name: 'black tea' }])
    text.put('0', { name: 'espresso' })
    expect(Object.keys(search(text, 'green'))).toEqual([])
    expect(Object.keys(search(text, 'tea'))).toEqual(['1'])
    expect(Object.keys(search(text, 'espresso'))).toEqual(['0'])
    text.delete('1')
    text.delete('missing')
    expect(search(text, 'tea')).toEqual({})
  })

  it.each([
    [{}, 'Missing expected field "$search"'],
    [{ $search: 5 }, '"$search" had the wrong type. Expected string, found int'],
    [{ $search: null }, '"$search" had the wrong type. Expected string, found null'],
    [{ $search: 'tea', $language: 1.5 }, '"$language" had the wrong type. Expected string, found double'],
    [{ $search: 'tea', $caseSensitive: 'yes' }, '"$caseSensitive" had the wrong type. Expected bool, found string'],
    [{ $search: 'tea', $diacriticSensitive: 1 }, '"$diacriticSensitive" had the wrong type. Expected bool, found int'],
    [{ $search: 'tea', $limit: 3 }, 'extra fields in $text'],
    [{ $search: 'tea', $language: 'klingon' }, 'unsupported language: "klingon" for text index version 3'],
  ])('rejects $text %j', (operator, message) => {
    const text = indexOf({ key: { name: 'text' } }, [{ name: 'tea' }])
    expect(() => text.search(operator)).toThrow(message)
  })
})
