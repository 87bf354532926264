import { defineNitroErrorHandler } from 'nitropack/runtime'
import { compressErrorPage } from './error-page-compression'
import { sendProblem } from './send-problem'

/**
 * Nitro error handler for `/api/*`: answers problem+json. Other paths fall through to Nuxt's
 * handler, which renders error.vue with the same status, compressed like every other page.
 */
export default defineNitroErrorHandler(async (error, event) => {
  if (event.path.startsWith('/api/')) await sendProblem(event, error)
  else if (!event.path.startsWith('/__nuxt_error')) compressErrorPage(event)
})
