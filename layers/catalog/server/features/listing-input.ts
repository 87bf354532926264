import { z } from 'zod'
import { SORTS } from '../../contracts'

const values = z.union([z.string(), z.array(z.string())])

/**
 * A listing's query string as the API documents it. The listing feature reads it (it knows which
 * facets a category offers and refuses a bad page or band with the field named); this schema
 * only admits the facet keys a category adds, which it cannot know.
 */
export const listingQuery = z.looseObject({
  sort: z
    .enum([...SORTS, 'relevance'])
    .optional()
    .meta({ description: 'A search also sorts by relevance (its default).' }),
  page: z.string().optional().meta({ description: 'From 1 to 100.' }),
  pageSize: z.string().optional().meta({ description: 'From 1 to 48 (24).' }),
  price: values.optional().meta({ description: 'Price bands in minor units: `0-2500`, `2500-5000`, …, `100000-`.' }),
})
