import { buildVocabulary, createSpeller, type Speller, type Vocabulary, type WeightedText } from '../domain/spelling'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'

export const VOCABULARY_KEY = 'catalog:vocabulary'

// Words shoppers type for what they want count ten times a word of a description.
const WEIGHTS = { name: 10, category: 10, brand: 5, author: 5, description: 1 } as const

let lastText: string | undefined
let lastSpeller: Speller | undefined

/**
 * Spelling help built from the words a text search can find: products' names, brands, authors and
 * descriptions, and the names of categories. Cached like the category tree; built again when a
 * product or category changes.
 */
export async function searchSpeller(catalog: Catalog): Promise<Speller> {
  const text = await catalog.cache.read(VOCABULARY_KEY, async () => JSON.stringify(await vocabularyOf(catalog)))
  if (text !== lastText || !lastSpeller) {
    lastSpeller = createSpeller(JSON.parse(text ?? '{}') as Vocabulary)
    lastText = text
  }
  return lastSpeller
}

async function vocabularyOf(catalog: Catalog): Promise<Vocabulary> {
  const texts: WeightedText[] = []
  const products = catalog.collections.products.find(
    { status: 'active' },
    { projection: { _id: 0, name: 1, description: 1, 'attributes.brand': 1, 'attributes.author': 1 } },
  )
  for await (const product of products) {
    texts.push({ text: product.name, weight: WEIGHTS.name }, { text: product.description, weight: WEIGHTS.description })
    for (const field of ['brand', 'author'] as const) {
      const value = product.attributes?.[field]
      if (typeof value === 'string') texts.push({ text: value, weight: WEIGHTS[field] })
    }
  }
  for (const node of (await categoryIndex(catalog)).byId.values())
    texts.push({ text: node.name, weight: WEIGHTS.category })
  return buildVocabulary(texts)
}
