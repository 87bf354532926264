import { setResponseHeaders } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { isHttps } from '../config/settings'
import {
  API_CONTENT_SECURITY_POLICY,
  baseSecurityHeaders,
  newNonce,
  pageContentSecurityPolicy,
  withNonce,
} from '../http/security-headers'

declare module 'h3' {
  interface H3EventContext {
    /** The CSP nonce of a server-rendered page. */
    cspNonce?: string
  }
}

type HtmlParts = Record<'head' | 'bodyPrepend' | 'bodyAppend', string[]>

/**
 * Security headers on every response, and a fresh CSP nonce on every rendered page. (Vite's dev
 * server injects scripts of its own, so the page policy applies to production builds.)
 */
export default defineNitroPlugin((nitroApp) => {
  // Built once, on the first request (settings are validated by then): the same on every answer.
  let forPages: Record<string, string> | undefined
  let forApi: Record<string, string> | undefined
  nitroApp.hooks.hook('request', (event) => {
    forPages ??= baseSecurityHeaders(isHttps(settings().publicUrl))
    forApi ??= { ...forPages, 'content-security-policy': API_CONTENT_SECURITY_POLICY }
    setResponseHeaders(event, event.path.startsWith('/api/') ? forApi : forPages)
  })
  if (import.meta.dev) return

  nitroApp.hooks.hook('render:html', (html, { event }) => {
    const nonce = newNonce()
    event.context.cspNonce = nonce
    const parts = html as unknown as HtmlParts
    // Not `body`: it holds the rendered app, where any markup that got in must stay inert.
    for (const key of ['head', 'bodyPrepend', 'bodyAppend'] as const)
      parts[key] = parts[key].map((chunk) => withNonce(chunk, nonce))
  })
  nitroApp.hooks.hook('render:response', (response, { event }) => {
    if (event.context.cspNonce)
      response.headers = {
        ...response.headers,
        'content-security-policy': pageContentSecurityPolicy(event.context.cspNonce),
      }
  })
})
