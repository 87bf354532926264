import { setResponseHeaders } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { isHttps } from '../config/settings'
import { newNonce, pageContentSecurityPolicy, securityHeadersFor, withNonce } from '../http/security-headers'

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
  nitroApp.hooks.hook('request', (event) => {
    setResponseHeaders(event, securityHeadersFor(event.path, isHttps(settings().publicUrl)).record)
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
    // Nuxt names itself in x-powered-by; the shop does not advertise what it runs on.
    const { 'x-powered-by': _poweredBy, ...headers } = response.headers ?? {}
    response.headers = event.context.cspNonce
      ? { ...headers, 'content-security-policy': pageContentSecurityPolicy(event.context.cspNonce) }
      : headers
  })
})
