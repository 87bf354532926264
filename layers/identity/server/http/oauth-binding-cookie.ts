import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import type { CookieSettings } from './session-cookies'

// Lax, not Strict: the provider sends the browser back with a cross-site top-level navigation.
const name = ({ secureCookies }: CookieSettings) => (secureCookies ? '__Host-shop-oauth' : 'shop-oauth')
const options = ({ secureCookies }: CookieSettings) =>
  ({ path: '/', secure: secureCookies, sameSite: 'lax', httpOnly: true }) as const

/** Ties an OAuth state to the browser that started the flow, so a state cannot be replayed in another. */
export const setOAuthBinding = (event: H3Event, settings: CookieSettings, binding: string) =>
  setCookie(event, name(settings), binding, { ...options(settings), maxAge: 600 })

export function takeOAuthBinding(event: H3Event, settings: CookieSettings): string | undefined {
  const binding = getCookie(event, name(settings))
  deleteCookie(event, name(settings), options(settings))
  return binding
}
