import { defineNitroErrorHandler } from 'nitropack/runtime'
import { sendProblem } from './send-problem'

/**
 * Nitro error handler for `/api/*`: answers problem+json. Other paths fall through to Nuxt's
 * handler, which renders error.vue with the same status.
 */
export default defineNitroErrorHandler(async (error, event) => {
  if (event.path.startsWith('/api/')) await sendProblem(event, error)
})
