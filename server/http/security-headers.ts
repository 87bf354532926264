import { randomUUID } from 'node:crypto'

/**
 * A CSP nonce: 122 random bits from node:crypto's buffered pool (a UUID without its dashes), much
 * cheaper per page than a fresh randomBytes call; hex digits are valid in a nonce.
 */
export const newNonce = () => randomUUID().replaceAll('-', '')

/** Sent with every response (ASVS 5.0 V3.4). */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(self)',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

/**
 * The policy for server-rendered pages: scripts run only with this response's nonce (and what
 * they load, via 'strict-dynamic'), nothing may frame the shop, plugins and <base> are off.
 * Styles stay 'unsafe-inline': Vue binds style attributes, and CSS cannot run code. It is joined
 * once: every page answer, cached ones included, only puts its nonce in between. Stripe's hosts
 * are the checkout's Payment Element (Stripe.js, its frames and its API), as Stripe documents them.
 */
const [PAGE_POLICY_HEAD, PAGE_POLICY_TAIL] = [
  "default-src 'self'",
  "script-src 'self' 'nonce-{nonce}' 'strict-dynamic'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' https://api.stripe.com",
  'frame-src https://js.stripe.com https://hooks.stripe.com',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
]
  .join('; ')
  .split('{nonce}') as [string, string]

export const pageContentSecurityPolicy = (nonce: string) => `${PAGE_POLICY_HEAD}${nonce}${PAGE_POLICY_TAIL}`

/** API answers are data, never documents: nothing in them may run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

/**
 * The security headers of an answer on this path, as a record and as a flat `[name, value, …]`
 * list: API answers carry their fixed policy here, pages get theirs when rendered (it holds a nonce).
 */
export function securityHeadersFor(path: string, https: boolean) {
  let headers = built.get(https)
  if (!headers) built.set(https, (headers = buildSecurityHeaders(https)))
  return path.startsWith('/api/') ? headers.api : headers.pages
}

type Built = Record<'pages' | 'api', { record: Readonly<Record<string, string>>; flat: readonly string[] }>
const built = new Map<boolean, Built>()

function buildSecurityHeaders(https: boolean): Built {
  const pages = baseSecurityHeaders(https)
  const api = { ...pages, 'content-security-policy': API_CONTENT_SECURITY_POLICY }
  return {
    pages: { record: pages, flat: Object.entries(pages).flat() },
    api: { record: api, flat: Object.entries(api).flat() },
  }
}

/** Adds the nonce to every script and module preload the renderer wrote. */
export const withNonce = (html: string, nonce: string) =>
  html.replace(/<(script|link rel="modulepreload")(?![^>]*\snonce=)/g, `<$1 nonce="${nonce}"`)
