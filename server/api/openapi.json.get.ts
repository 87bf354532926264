import slices from '#api-slices'
import { defineEventHandler, setResponseHeaders } from 'h3'
import { z } from 'zod'
import { defineContract } from '../http/contract'
import { openApiDocument } from '../openapi/document'

export const contract = defineContract({
  summary: 'This API, as an OpenAPI 3.1 document',
  description: 'Built from the schemas every slice validates with. `/developers/api` shows it as a reference.',
  access: 'public',
  response: z.record(z.string(), z.unknown()),
})

// The routes cannot change while the server runs: the document is built once, on first request.
let document: string | undefined

export default defineEventHandler((event) => {
  document ??= JSON.stringify(openApiDocument(slices, { title: 'Shop API', version: '1' }))
  setResponseHeaders(event, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'public, max-age=300',
  })
  return document
})
