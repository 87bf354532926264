import { defineEventHandler, setResponseHeader } from 'h3'
import { z } from 'zod'
import { defineContract } from '../../http/contract'
import { personalParts } from '../../personal/parts'

export const contract = defineContract({
  summary: 'What is personal on a shared page',
  description:
    "Shared pages (the catalog's) are the same for everyone and cached whatever the cookies (ADR 0012); the browser asks this once a page has loaded. One part per module: `identity` (the signed-in user or null, and the CSRF token the page's changes echo), `basket` (the cart's item count), `notification` (the bell's unread count). An expired access cookie is refreshed on the way.",
  access: 'public',
  response: z.record(z.string(), z.unknown()).meta({ id: 'PersonalParts' }),
})

export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return personalParts(event)
})
