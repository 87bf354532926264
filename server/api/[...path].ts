import { createError, defineEventHandler } from 'h3'

/** Any `/api/*` path no slice claims: a problem+json 404, never the HTML page renderer. */
export default defineEventHandler(() => {
  throw createError({ statusCode: 404, message: 'No API route matches this path.' })
})
