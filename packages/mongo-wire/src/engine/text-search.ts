import type { Document } from 'bson'
import { stem as porter2 } from 'porter2'
import { ENGLISH_STOP_WORDS } from './text-stop-words'

/** A collection's text index, from its index document as given to createIndexes. */
export interface TextIndexSpec {
  /** field path -> weight; '$**' means every string field in the document (wildcard text index). */
  weights: Record<string, number>
  defaultLanguage: string // 'english' by default; 'none' = no stemming, no stop words
  languageOverride: string // 'language' by default
}

const WILDCARD = '$**'
const MAX_WORD_WEIGHT = 100_000

/** How one language turns a string into terms. */
interface Analyzer {
  stopWords: ReadonlySet<string>
  stem: (word: string) => string
  /** Splits a string into words: one or more delimiters. */
  split: RegExp
}

// MongoDB's delimiters are the Unicode White_Space, Dash, Hyphen, Quotation_Mark, Terminal_Punctuation,
// Pattern_Syntax and STerm characters, so `_`, symbols such as `€` and emoji stay inside words. JavaScript
// has no \p{Hyphen}: its characters that are not also Dash are listed by hand.
const DELIMITERS = String.raw`\p{White_Space}\p{Dash}\p{Quotation_Mark}\p{Terminal_Punctuation}\p{Pattern_Syntax}\p{Sentence_Terminal}\u00AD\u1806\u30FB\uFF65`

const ENGLISH: Analyzer = {
  stopWords: ENGLISH_STOP_WORDS,
  stem: porter2,
  // English keeps the ASCII apostrophe inside words, so that "don't" is one (stop) word.
  split: new RegExp(`(?:(?!')[${DELIMITERS}])+`, 'u'),
}
const NONE: Analyzer = { stopWords: new Set(), stem: (word) => word, split: new RegExp(`[${DELIMITERS}]+`, 'u') }

/** The languages (and two-letter aliases) MongoDB's text index version 3 accepts. */
const LANGUAGES = new Set([
  ...['danish', 'dutch', 'english', 'finnish', 'french', 'german', 'hungarian', 'italian', 'norwegian'],
  ...['portuguese', 'romanian', 'russian', 'spanish', 'swedish', 'turkish'],
  ...['da', 'nl', 'en', 'fi', 'fr', 'de', 'hu', 'it', 'nb', 'pt', 'ro', 'ru', 'es', 'sv', 'tr'],
])

// Only English is analysed for real: the other languages MongoDB knows are accepted and analysed as English.
function analyzerFor(language: string): Analyzer | undefined {
  const name = language.toLowerCase()
  if (name === 'none') return NONE
  return LANGUAGES.has(name) ? ENGLISH : undefined
}

// Case folding and diacritic removal work a code point at a time, as MongoDB's do, so that a string
// and its folded form have matching words; the results are cached since few code points occur.
const foldCache = new Map<string, string>()
const stripCache = new Map<string, string>()
const DIACRITIC = /\p{Diacritic}/u
const DIACRITICS = /\p{Diacritic}/gu
const singleCodePoint = (text: string) => text.length > 0 && [...text].length === 1

function foldCodePoint(char: string): string {
  let folded = foldCache.get(char)
  if (folded === undefined) {
    // Upper then lower case folds ς and σ, or ſ and s, together as Unicode case folding does.
    const viaUpper = char.toUpperCase().toLowerCase()
    const lower = char.toLowerCase()
    folded = singleCodePoint(viaUpper) ? viaUpper : singleCodePoint(lower) ? lower : char
    foldCache.set(char, folded)
  }
  return folded
}

function stripCodePoint(char: string): string {
  let stripped = stripCache.get(char)
  if (stripped === undefined) {
    const base = char.normalize('NFD').replace(DIACRITICS, '').normalize('NFC')
    stripped = DIACRITIC.test(char) ? '' : singleCodePoint(base) ? base : char
    stripCache.set(char, stripped)
  }
  return stripped
}

const NON_ASCII = /[^\p{ASCII}]/u
// `^` and `` ` `` are the only ASCII diacritics.
const MAYBE_DIACRITIC = /[^\p{ASCII}]|[\^`]/u
const fold = (text: string) => (NON_ASCII.test(text) ? Array.from(text, foldCodePoint).join('') : text.toLowerCase())
const stripDiacritics = (text: string) =>
  MAYBE_DIACRITIC.test(text) ? Array.from(text, stripCodePoint).join('') : text
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase())

interface TokenOptions {
  stopWords?: boolean
  caseSensitive?: boolean
  diacriticSensitive?: boolean
}

/** A string's terms, as MongoDB's Unicode tokenizer (text index version 3) makes them. */
function tokenize(raw: string, analyzer: Analyzer, options: TokenOptions = {}): string[] {
  const terms: string[] = []
  for (const word of raw.split(analyzer.split)) {
    if (!word) continue
    const lower = fold(word)
    // Stop words are matched lower-cased but with their diacritics, and the stemmer also sees them.
    if (options.stopWords && analyzer.stopWords.has(lower)) continue
    const term = analyzer.stem(options.caseSensitive ? word : lower)
    terms.push(options.diacriticSensitive ? term : stripDiacritics(term))
  }
  return terms
}

/** Adds one string's term scores to `scores`, as MongoDB's `FTSSpec::_scoreStringV2`. */
function scoreString(raw: string, analyzer: Analyzer, weight: number, scores: Map<string, number>): void {
  const terms = tokenize(raw, analyzer, { stopWords: true })
  const counts = new Map<string, number>()
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1)
  const rawLower = asciiLower(raw)
  for (const [term, count] of counts) {
    // The k-th repeat of a term adds 1/2^k, so repeating a word has diminishing returns.
    const freq = 2 - 2 ** (1 - count)
    // A term that is much of a short field counts for more than one mention in a long text.
    const coeff = (0.5 * count) / terms.length + 0.5
    // A field that is exactly the term (as MongoDB compares them: ASCII case-insensitive) gets a small boost.
    const adjustment = raw.length === term.length && rawLower === asciiLower(term) ? 1.1 : 1
    scores.set(term, (scores.get(term) ?? 0) + weight * freq * coeff * adjustment)
  }
}

const isSubdocument = (value: unknown): value is Document => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

const BSON_TYPE_NAMES: Record<string, string> = {
  Int32: 'int',
  Double: 'double',
  Long: 'long',
  Decimal128: 'decimal',
  ObjectId: 'objectId',
  Binary: 'binData',
  Timestamp: 'timestamp',
  BSONRegExp: 'regex',
  BSONSymbol: 'symbol',
  Code: 'javascript',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  DBRef: 'object',
}

/** The BSON type name MongoDB's messages use for a value as the bson package deserializes it. */
function bsonTypeName(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'bigint') return 'long'
  // The driver sends integral numbers that fit 32 bits as int32, other numbers as double.
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? 'int' : 'double'
  if (Array.isArray(value)) return 'array'
  if (value instanceof Date) return 'date'
  if (value instanceof RegExp) return 'regex'
  if (ArrayBuffer.isView(value)) return 'binData'
  const bsontype = (value as { _bsontype?: unknown })._bsontype
  return (typeof bsontype === 'string' && BSON_TYPE_NAMES[bsontype]) || 'object'
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  const type = bsonTypeName(value)
  return ['int', 'long', 'double', 'decimal'].includes(type) ? Number(String(value)) : undefined
}

/**
 * Builds the spec from an index document such as { key: { name: 'text', description: 'text' }, name,
 * weights: { name: 10 }, default_language, language_override }. Throws an Error with a clear message for a
 * bad one (MongoDB's own message where it has one).
 */
export function textIndexSpec(index: Document): TextIndexSpec {
  const key: unknown = index.key
  if (!isSubdocument(key)) throw new Error('text index key pattern must be an object')
  const weights: Record<string, number> = {}
  let phase: 'before' | 'text' | 'after' = 'before'
  for (const [field, kind] of Object.entries(key)) {
    if (field === '_fts' || kind === 'text') {
      if (field === '_fts' && kind !== 'text') throw new Error('expecting _fts:"text"')
      if (field === '_ftsx') throw new Error('text index with reserved fields _fts/_ftsx not allowed')
      if (phase === 'after') throw new Error("'text' fields in index must all be adjacent")
      phase = 'text'
      // The listIndexes form `{ _fts: 'text', _ftsx: 1 }` keeps its fields in `weights` only.
      if (field !== '_fts') weights[field] = 1
    } else if (field === '_ftsx') {
      if (numberOf(kind) !== 1) throw new Error('expecting _ftsx:1')
    } else {
      const direction = numberOf(kind)
      if (direction === undefined || Math.abs(Math.trunc(direction)) !== 1) {
        throw new Error('expected value 1 or -1 for non-text key in compound index')
      }
      if (phase === 'text') phase = 'after'
    }
  }
  if (phase === 'before') throw new Error("text index key pattern has no 'text' field")

  const weightsOption: unknown = index.weights
  if (weightsOption === WILDCARD) weights[WILDCARD] = 1
  else if (isSubdocument(weightsOption)) {
    for (const [field, weight] of Object.entries(weightsOption)) {
      const number = numberOf(weight)
      if (number === undefined) throw new Error('weight for text index needs numeric type')
      // MongoDB stores weights as 32-bit integers: 2.5 becomes 2.
      weights[field] = Math.trunc(number)
    }
  } else if (weightsOption !== undefined) throw new Error("text index option 'weights' must be an object")
  if (!Object.keys(weights).length) throw new Error("text index option 'weights' must specify fields or the wildcard")
  for (const [field, weight] of Object.entries(weights)) {
    if (!(weight > 0 && weight < MAX_WORD_WEIGHT)) {
      throw new Error(`text index weight must be in the exclusive interval (0,${MAX_WORD_WEIGHT}) but found: ${weight}`)
    }
    if (field === WILDCARD) continue
    if (field === '') throw new Error('weight cannot be on an empty field')
    for (const part of field.split('.')) {
      if (part === '') throw new Error('weight cannot have empty path component')
      if (part.startsWith('$')) throw new Error('weight cannot have path component with $ prefix')
    }
  }

  const defaultLanguage: unknown = index.default_language === undefined ? 'english' : index.default_language
  if (typeof defaultLanguage !== 'string') throw new Error('default_language needs a string type')
  if (!analyzerFor(defaultLanguage)) throw new Error('default_language is not valid')
  const languageOverride: unknown = index.language_override === undefined ? 'language' : index.language_override
  if (typeof languageOverride !== 'string') throw new Error('language_override must be a string')
  if (languageOverride === '' || languageOverride.startsWith('$') || languageOverride.includes('.')) {
    throw new Error('language_override is not valid')
  }
  const version: unknown = index.textIndexVersion
  if (version !== undefined) {
    const number = numberOf(version)
    if (number === undefined) throw new Error("text index option 'textIndexVersion' must be a number")
    if (number !== 2 && number !== 3) throw new Error(`bad textIndexVersion: ${number}`)
  }
  return { weights, defaultLanguage, languageOverride }
}

/** One indexed string of a document, with the language and weight it is scored with. */
interface FieldText {
  text: string
  analyzer: Analyzer
  weight: number
}

interface TextParams {
  search: string
  language: string | undefined
  caseSensitive: boolean
  diacriticSensitive: boolean
}

/** Checks a `$text` operator's value as MongoDB does, with its messages. */
function textParams(text: unknown): TextParams {
  if (!isSubdocument(text)) throw new Error('$text expects an object')
  const field = <T>(name: string, type: string): T | undefined => {
    const value: unknown = text[name]
    if (value === undefined) return undefined
    const found = bsonTypeName(value)
    if (found !== type) throw new Error(`"${name}" had the wrong type. Expected ${type}, found ${found}`)
    return value as T
  }
  const search = field<string>('$search', 'string')
  if (search === undefined) throw new Error('Missing expected field "$search"')
  const language = field<string>('$language', 'string')
  const caseSensitive = field<boolean>('$caseSensitive', 'bool')
  const diacriticSensitive = field<boolean>('$diacriticSensitive', 'bool')
  const given = [search, language, caseSensitive, diacriticSensitive].filter((value) => value !== undefined)
  if (Object.values(text).filter((value) => value !== undefined).length !== given.length) {
    throw new Error('extra fields in $text')
  }
  return { search, language, caseSensitive: caseSensitive ?? false, diacriticSensitive: diacriticSensitive ?? false }
}

interface ParsedSearch {
  /** Positive words (phrases' words included), space-separated. */
  positive: string
  negative: string
  phrases: string[]
  negatedPhrases: string[]
}

/** Splits `$search` into terms and phrases as MongoDB's `FTSQueryImpl::parse` does. */
function parseSearch(query: string): ParsedSearch {
  const parsed: ParsedSearch = { positive: '', negative: '', phrases: [], negatedPhrases: [] }
  // Only these count as spaces here (not tab), and `-` or `"` split words as well.
  const isSpace = (char: string | undefined) =>
    char === ' ' || char === '\n' || char === '\v' || char === '\f' || char === '\r'
  const isDelimiter = (char: string | undefined) => char === '-' || char === '"'
  let position = 0
  const skipSpaces = () => {
    const start = position
    while (position < query.length && isSpace(query[position])) position++
    return position > start
  }
  skipSpaces()
  let spaceBefore = true
  let inNegation = false
  let inPhrase = false
  let phraseStart = 0
  while (position < query.length) {
    const start = position++
    const char = query[start]
    if (!isDelimiter(char)) {
      while (position < query.length && !isSpace(query[position]) && !isDelimiter(query[position])) position++
    }
    const end = position
    const afterSpace = spaceBefore
    spaceBefore = skipSpaces()
    if (char === '-') {
      // `-` negates only right before a word or phrase, and never inside a phrase.
      if (!inPhrase && afterSpace) inNegation = true
    } else if (char === '"') {
      if (inPhrase) {
        const phrase = query.slice(phraseStart + 1, start)
        ;(inNegation ? parsed.negatedPhrases : parsed.phrases).push(phrase)
        inPhrase = false
      } else {
        inPhrase = true
        if (inNegation && afterSpace) inNegation = false
        phraseStart = start
      }
    } else if (!(inPhrase && inNegation)) {
      // A negation runs to the next space: `-foo-bar` negates both words, `- foo` neither.
      if (inNegation && afterSpace) inNegation = false
      const word = query.slice(start, end)
      if (inNegation) parsed.negative += `${word} `
      else parsed.positive += `${word} `
    }
  }
  return parsed
}

/** Maintains per-document term scores and answers $text queries. Document ids are opaque string keys. */
export class TextIndex {
  private readonly wildcard: boolean
  /** Weighted paths in sorted order, for MongoDB's lower-bound weight lookup. */
  private readonly weights: [string, number][]
  private readonly defaultAnalyzer: Analyzer
  /** term -> idKey -> the document's score for the term: the index proper. */
  private readonly postings = new Map<string, Map<string, number>>()
  /** A document's indexed strings (for phrases and case-sensitive checks) and its terms (for deletes). */
  private readonly documents = new Map<string, { fields: FieldText[]; terms: string[] }>()

  constructor(private readonly spec: TextIndexSpec) {
    this.wildcard = WILDCARD in spec.weights
    this.weights = Object.entries(spec.weights)
      .filter(([path]) => path !== WILDCARD)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const analyzer = analyzerFor(spec.defaultLanguage)
    if (!analyzer) throw new Error('default_language is not valid')
    this.defaultAnalyzer = analyzer
  }

  /**
   * Adds or replaces a document's entry. Throws, leaving the index as it was, for a document MongoDB
   * refuses to index: a language override field that is not a string or names an unknown language.
   */
  put(idKey: string, document: Document): void {
    const fields = this.fieldTexts(document)
    const scores = new Map<string, number>()
    for (const { text, analyzer, weight } of fields) scoreString(text, analyzer, weight, scores)
    this.delete(idKey)
    this.documents.set(idKey, { fields, terms: [...scores.keys()] })
    for (const [term, score] of scores) {
      let posting = this.postings.get(term)
      if (!posting) this.postings.set(term, (posting = new Map()))
      posting.set(idKey, score)
    }
  }

  delete(idKey: string): void {
    const entry = this.documents.get(idKey)
    if (!entry) return
    for (const term of entry.terms) {
      const posting = this.postings.get(term)
      posting?.delete(idKey)
      if (posting?.size === 0) this.postings.delete(term)
    }
    this.documents.delete(idKey)
  }

  /**
   * Evaluates the value of a `$text` operator ({ $search, $language?, $caseSensitive?, $diacriticSensitive? }).
   * Returns idKey -> score for every matching document (only matches). Throws an Error whose
   * message MongoDB would give for an invalid $text (e.g. missing $search, not a string).
   */
  search(text: Document): Map<string, number> {
    const params = textParams(text)
    const analyzer = params.language === undefined ? this.defaultAnalyzer : analyzerFor(params.language)
    if (!analyzer) throw new Error(`unsupported language: "${params.language}" for text index version 3`)
    const query = parseSearch(params.search)
    const sensitivity = { caseSensitive: params.caseSensitive, diacriticSensitive: params.diacriticSensitive }
    const exact = params.caseSensitive || params.diacriticSensitive
    // The index holds folded terms: it finds the candidates and their scores; exact forms are checked after.
    const bounds = new Set(tokenize(query.positive, analyzer, { stopWords: true }))
    const positive = exact ? new Set(tokenize(query.positive, analyzer, { stopWords: true, ...sensitivity })) : bounds
    const negative = new Set(tokenize(query.negative, analyzer, { stopWords: true, ...sensitivity }))

    const scores = new Map<string, number>()
    for (const term of bounds) {
      for (const [idKey, score] of this.postings.get(term) ?? []) scores.set(idKey, (scores.get(idKey) ?? 0) + score)
    }
    for (const idKey of scores.keys()) {
      const fields = this.documents.get(idKey)?.fields ?? []
      const hasTerm = (terms: ReadonlySet<string>) =>
        fields.some(({ text, analyzer }) => tokenize(text, analyzer, sensitivity).some((term) => terms.has(term)))
      const hasPhrase = (phrase: string) => fields.some(({ text }) => containsPhrase(text, phrase, sensitivity))
      const matches =
        (!exact || hasTerm(positive)) &&
        !(negative.size && hasTerm(negative)) &&
        query.phrases.every(hasPhrase) &&
        !query.negatedPhrases.some(hasPhrase)
      if (!matches) scores.delete(idKey)
    }
    return scores
  }

  /** The strings a document has under the index's paths, as MongoDB's `FTSElementIterator` walks them. */
  private fieldTexts(document: Document): FieldText[] {
    const fields: FieldText[] = []
    const visit = (node: Document | unknown[], parentPath: string, inArray: boolean, analyzer: Analyzer) => {
      for (const [name, value] of Object.entries(node)) {
        if (this.wildcard && name === this.spec.languageOverride) continue
        // Array elements take the array's path: `tags: ['a', 'b']` are both `tags`.
        const path = parentPath === '' ? name : inArray ? parentPath : `${parentPath}.${name}`
        const subdocument = isSubdocument(value)
        // MongoDB takes the weight of the first weighted path sorting at or after this one: the exact path,
        // else (only reachable with a wildcard) a later path's weight, or 1 when there is none.
        const target = subdocument ? `${path}.` : path
        const next = this.weights.find(([weighted]) => weighted >= target)
        if (!this.wildcard && !(next && (next[0] === path || next[0].startsWith(`${path}.`)))) continue
        const exact = next?.[0] === path
        const weight = next?.[1] ?? 1
        if (typeof value === 'string') {
          if (exact || this.wildcard) fields.push({ text: value, analyzer, weight })
        } else if (Array.isArray(value)) {
          if (!inArray || this.wildcard) visit(value, path, true, analyzer)
        } else if (subdocument) {
          visit(value, path, false, this.languageOf(value, analyzer))
        }
      }
    }
    visit(document, '', false, this.languageOf(document, this.defaultAnalyzer))
    return fields
  }

  /** A (sub)document's language: its language override field, else the one it inherits. */
  private languageOf(document: Document, inherited: Analyzer): Analyzer {
    if (!Object.hasOwn(document, this.spec.languageOverride)) return inherited
    const language: unknown = document[this.spec.languageOverride]
    if (language === undefined) return inherited
    if (typeof language !== 'string') throw new Error('found language override field in document with non-string type')
    const analyzer = analyzerFor(language)
    if (!analyzer) throw new Error(`language override unsupported: ${language}`)
    return analyzer
  }
}

/** Whether a phrase occurs in a string, folding case and diacritics unless the query is sensitive to them. */
function containsPhrase(text: string, phrase: string, options: TokenOptions): boolean {
  const normalize = (value: string) => {
    const folded = options.caseSensitive ? value : fold(value)
    return options.diacriticSensitive ? folded : stripDiacritics(folded)
  }
  return normalize(text).includes(normalize(phrase))
}
