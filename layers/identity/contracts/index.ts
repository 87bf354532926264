import type { z } from 'zod'
import { hasControlCharacters } from '#kernel/contracts/characters'
import { moduleToken } from '#kernel/contracts/module'
import type * as api from './api'

/**
 * The public face of the identity context: the only module other layers may import. This file
 * holds what the browser needs too (names, bounds, types), so it loads no zod; the API's schemas
 * are in api.ts and the integration events in events.ts.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const IDENTITY_CONTEXT = 'identity' as const

// Bounds the API enforces and the forms check first, in one place for both.
/** Counted in characters (code points, after NFC), so a password of emoji is as long as it looks. */
export const PASSWORD_MIN_LENGTH = 10
/** Long enough for any passphrase or manager; bounded so hashing cost stays predictable. */
export const PASSWORD_MAX_LENGTH = 256
export const EMAIL_MAX_LENGTH = 254
export const NAME_MAX_LENGTH = 100

/** A password's length as the policy counts it: characters of its NFC form, not bytes or UTF-16 units. */
export const passwordLength = (password: string) => [...password.normalize('NFC')].length

const RETURN_TO_MAX_LENGTH = 512

/**
 * Where to go after signing in: a path on this site, percent-encoded so it fits a Location header.
 * Anything else (another site, `//elsewhere`, `/\elsewhere`, control characters) is the home page.
 */
export function safeReturnTo(value: unknown): string {
  const path = Array.isArray(value) ? value[0] : value
  if (typeof path !== 'string' || path.length > RETURN_TO_MAX_LENGTH || !/^\/(?![/\\])/.test(path)) return '/'
  if (hasControlCharacters(path)) return '/'
  return path.replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character))
}

/**
 * The CSRF token a signed-in browser's changes echo in `x-csrf-token`, from `document.cookie`: its
 * cookie is readable on purpose (the double-submit pattern), so any module's page can send it.
 */
export function csrfTokenFrom(cookies: string): string | undefined {
  return /(?:^|;\s*)(?:__Host-)?shop-csrf=([^;]+)/.exec(cookies)?.[1]
}

export const ROLES = ['Customer', 'Admin'] as const
export type RoleName = (typeof ROLES)[number]

export type UserDto = z.infer<typeof api.userDto>
export type CookieSessionDto = z.infer<typeof api.cookieSessionDto>
export type TokenSessionDto = z.infer<typeof api.tokenSessionDto>

/** A signed-in session as a long-lived connection (a WebSocket) holds it. */
export interface ConnectionSession {
  userId: string
  roles: RoleName[]
  sessionId: string
  /** The access token's id: signing out blacklists it. */
  jti: string
}

/** Sessions that just ended: one (`sessionId`), or every one of the user but `keep`. */
export interface EndedSessions {
  userId: string
  sessionId?: string
  keep?: string
}

/** What other contexts may ask identity in-process (ordering asks who placed an order). */
export interface IdentityModule {
  /** The user, or undefined when no account has this id. */
  getUser(userId: string): Promise<UserDto | undefined>
  /**
   * Who holds these credentials (the session's access cookie in `cookie`, or a bearer token), for
   * a connection that is no HTTP request (a WebSocket upgrade). Undefined when they are missing,
   * expired or signed out: it never refreshes a session, since it cannot set the new cookies.
   */
  authenticateConnection(credentials: {
    cookie?: string | null
    authorization?: string | null
  }): Promise<ConnectionSession | undefined>
  /** Whether the session is still live (not signed out, not ended by a password change or a lock). */
  isLive(session: ConnectionSession): Promise<boolean>
  /** Calls `listener` whenever sessions end in this process: sign-out, password change or reset, lock. */
  onSessionsEnded(listener: (ended: EndedSessions) => void): void
}
export const IdentityModule = moduleToken<IdentityModule>(IDENTITY_CONTEXT)
