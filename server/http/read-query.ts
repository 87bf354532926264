import { getQuery, getRouterParams, type H3Event } from 'h3'
import type { z } from 'zod'

/** Query-string input, validated; a ZodError becomes a 400 with field errors. */
export const readQuery = <S extends z.ZodType>(event: H3Event, schema: S): z.output<S> => schema.parse(getQuery(event))

/** Route parameters, validated the same way. */
export const readParams = <S extends z.ZodType>(event: H3Event, schema: S): z.output<S> =>
  schema.parse(getRouterParams(event, { decode: true }))
