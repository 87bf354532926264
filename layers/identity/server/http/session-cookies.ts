import { randomBytes } from 'node:crypto'
import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import { announceSignIn } from '#kernel/auth/sign-in'
import type { SessionGrant } from '../features/start-session'
import { ACCESS_TOKEN_LIFETIME_SECONDS } from '../infrastructure/access-tokens'

declare module 'h3' {
  interface H3EventContext {
    /** The CSRF token set on this response, when a sign-in or refresh set one. */
    csrfToken?: string
  }
}

export interface CookieSettings {
  secureCookies: boolean
}

/**
 * Over HTTPS the cookies carry the `__Host-` prefix: the browser then insists on Secure, Path=/
 * and no Domain, so no subdomain can plant or read them. Plain HTTP (development) cannot use it.
 */
export const cookieNames = ({ secureCookies }: CookieSettings) =>
  secureCookies
    ? { access: '__Host-shop-access', refresh: '__Host-shop-refresh', csrf: '__Host-shop-csrf' }
    : { access: 'shop-access', refresh: 'shop-refresh', csrf: 'shop-csrf' }

type CookieOptions = NonNullable<Parameters<typeof setCookie>[3]>

const base = ({ secureCookies }: CookieSettings): CookieOptions => ({
  path: '/',
  secure: secureCookies,
  // Lax: a shopper following a link to the shop arrives signed in; state changes are guarded by the CSRF check.
  sameSite: 'lax',
})

export function readSessionCookies(event: H3Event, settings: CookieSettings) {
  const names = cookieNames(settings)
  return {
    access: getCookie(event, names.access),
    refresh: getCookie(event, names.refresh),
    csrf: getCookie(event, names.csrf),
  }
}

/**
 * Tokens go in httpOnly cookies, out of reach of page scripts. The CSRF token is readable on
 * purpose: the page echoes it in `x-csrf-token`, which a cross-site form cannot do.
 */
export function setSessionCookies(event: H3Event, settings: CookieSettings, grant: SessionGrant): string {
  const names = cookieNames(settings)
  const refreshMaxAge = Math.max(0, Math.floor((grant.refreshTokenExpiresAt.getTime() - Date.now()) / 1000))
  // A new sign-in gets a new token, so one planted before it (or left by the last user) is worthless.
  const csrf = (!grant.fresh && getCookie(event, names.csrf)) || randomBytes(16).toString('base64url')
  setCookie(event, names.access, grant.accessToken, {
    ...base(settings),
    httpOnly: true,
    maxAge: ACCESS_TOKEN_LIFETIME_SECONDS,
  })
  setCookie(event, names.refresh, grant.refreshToken, { ...base(settings), httpOnly: true, maxAge: refreshMaxAge })
  setCookie(event, names.csrf, csrf, { ...base(settings), httpOnly: false, maxAge: refreshMaxAge })
  event.context.csrfToken = csrf
  return csrf
}

/** A browser's new sign-in: its cookies, then the other contexts hear of it (the basket merges a guest cart). */
export async function startCookieSession(
  event: H3Event,
  settings: CookieSettings,
  grant: SessionGrant,
): Promise<string> {
  const csrf = setSessionCookies(event, settings, grant)
  if (grant.fresh) await announceSignIn(event, grant.user.id)
  return csrf
}

export function clearSessionCookies(event: H3Event, settings: CookieSettings): void {
  for (const name of Object.values(cookieNames(settings))) deleteCookie(event, name, base(settings))
}
