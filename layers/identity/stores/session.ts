import { defineStore } from 'pinia'
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength,
  type CookieSessionDto,
  type UserDto,
} from '../contracts'

const API = '/api/v1/identity'

export interface RegisterInput {
  email: string
  password: string
  firstName: string
  lastName?: string
}

export interface ProfileChanges {
  firstName?: string
  lastName?: string
}

type Method = 'GET' | 'POST' | 'PATCH'

/** Every identity call: a cookie session, and the CSRF token once there is one. */
function request<T = unknown>(
  csrfToken: string | null,
  method: Method,
  path: string,
  options: { body?: object; query?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'x-session': 'cookie' }
  if (csrfToken) headers['x-csrf-token'] = csrfToken
  // The path is built at run time, so Nitro cannot infer the answer's type from its routes: T says it.
  return $fetch<T>(`${API}/${path}`, { method, headers, ...options }) as Promise<T>
}

/**
 * Who is signed in, for the shop's own pages. The session itself lives in httpOnly cookies the
 * page never sees; the store only knows the user and the CSRF token every change must echo.
 * On the server, plugins/session.server.ts fills it from the request, and Pinia sends it along.
 */
export const useSessionStore = defineStore('session', {
  state: () => ({
    user: null as UserDto | null,
    csrfToken: null as string | null,
  }),
  getters: {
    signedIn: (state) => state.user !== null,
    isAdmin: (state) => state.user?.roles.includes('Admin') ?? false,
  },
  actions: {
    async register(input: RegisterInput) {
      const session = await request<CookieSessionDto>(this.csrfToken, 'POST', 'register', { body: input })
      this.user = session.user
      this.csrfToken = session.csrfToken
    },
    async login(email: string, password: string) {
      const session = await request<CookieSessionDto>(this.csrfToken, 'POST', 'login', { body: { email, password } })
      this.user = session.user
      this.csrfToken = session.csrfToken
    },
    /** Ends this session, or with `everywhere` every session of the account. Already ended counts as done. */
    async logout(everywhere = false) {
      try {
        await request(this.csrfToken, 'POST', 'logout', everywhere ? { query: { everywhere: 'true' } } : {})
      } catch (error) {
        if (statusOf(error) !== 401) throw error
      }
      this.$reset()
    },
    /** Reloads the signed-in user (after an email confirmation, say). */
    async refreshUser() {
      this.user = await this.whileSignedIn(request<UserDto>(this.csrfToken, 'GET', 'me'))
    },
    async updateProfile(changes: ProfileChanges) {
      this.user = await this.whileSignedIn(request<UserDto>(this.csrfToken, 'PATCH', 'me', { body: changes }))
    },
    /** Other sessions end; this one stays signed in. */
    async changePassword(currentPassword: string, newPassword: string) {
      const body = { currentPassword, newPassword }
      await this.whileSignedIn(request(this.csrfToken, 'POST', 'change-password', { body }))
    },
    /** Answers the same whether or not the email has an account: returns the message to show. */
    async forgotPassword(email: string) {
      const { message } = await request<{ message: string }>(this.csrfToken, 'POST', 'forgot-password', {
        body: { email },
      })
      return message
    },
    /** Every session of that account ends, which may include this one: the next call will tell. */
    async resetPassword(token: string, newPassword: string) {
      await request(this.csrfToken, 'POST', 'reset-password', { body: { token, newPassword } })
    },
    /** Mails a new confirmation link to the signed-in user (409 once the address is confirmed). */
    async resendConfirmation() {
      await this.whileSignedIn(request(this.csrfToken, 'POST', 'confirm-email/resend'))
    },
    async confirmEmail(token: string) {
      await request(this.csrfToken, 'POST', 'confirm-email', { body: { token } })
      // The confirmed address may be this user's: show it. Not being able to tell is no failure.
      if (this.user && !this.user.emailConfirmed) await this.refreshUser().catch(() => undefined)
    },
    /** A 401 on a call that needs the session means it has ended: the page forgets the user. */
    async whileSignedIn<T>(call: Promise<T>): Promise<T> {
      try {
        return await call
      } catch (error) {
        if (statusOf(error) === 401) this.$reset()
        throw error
      }
    },
  },
})

// ---------------------------------------------------------------------------------------------
// Helpers for the identity pages: errors, redirects and the checks the server makes too.

/** What a form shows for a failed call: one message for the form, one per field it knows. */
export interface FormProblem {
  message: string
  fieldErrors: Record<string, string>
  status?: number
}

interface ProblemBody {
  status?: number
  title?: string
  detail?: string
  errors?: { field: string; message: string }[]
}

/** The shape of ofetch's FetchError, without depending on ofetch. */
interface FetchErrorLike {
  statusCode?: number
  data?: unknown
  response?: { headers: Headers }
}

const isFetchError = (error: unknown): error is FetchErrorLike =>
  typeof error === 'object' && error !== null && ('statusCode' in error || 'response' in error)

export const statusOf = (error: unknown): number | undefined =>
  isFetchError(error) ? (error.statusCode ?? undefined) : undefined

const sentence = (text: string) => {
  const trimmed = text.trim()
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/** "Password" + "must be at least 10 characters" → "Password must be at least 10 characters." */
const fieldMessage = (label: string | undefined, message: string) =>
  sentence(label && /^[a-z]/.test(message) ? `${label} ${message}` : message)

const waitFor = (retryAfter: string | null | undefined) => {
  const seconds = Number(retryAfter)
  if (!retryAfter || !Number.isFinite(seconds) || seconds <= 0) return ''
  if (seconds < 60) return ` Try again in ${Math.ceil(seconds)} seconds.`
  const minutes = Math.ceil(seconds / 60)
  return ` Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
}

/**
 * Turns a failed identity call (RFC 9457 problem+json) into what a form shows. `labels` names
 * the fields the form has: their errors go under the inputs, any other field's into the message.
 */
export function problemOf(error: unknown, labels: Record<string, string> = {}): FormProblem {
  if (!isFetchError(error) || (error.statusCode === undefined && !error.data)) {
    return { message: 'The shop could not be reached. Check your connection and try again.', fieldErrors: {} }
  }
  const status = error.statusCode
  const body = (typeof error.data === 'object' && error.data !== null ? error.data : {}) as ProblemBody
  const fieldErrors: Record<string, string> = {}
  const unplaced: string[] = []
  for (const { field, message } of body.errors ?? []) {
    if (field in labels) fieldErrors[field] ??= fieldMessage(labels[field], message)
    else unplaced.push(fieldMessage(undefined, message))
  }
  let message: string
  if (status === 429) {
    message = sentence(body.detail ?? 'Too many attempts.') + waitFor(error.response?.headers.get('retry-after'))
  } else if (status !== undefined && status >= 500) {
    message = 'Something went wrong on our side. Please try again in a moment.'
  } else if (unplaced.length) {
    message = unplaced.join(' ')
  } else if (Object.keys(fieldErrors).length) {
    message = 'Please correct the fields marked below.'
  } else {
    message = sentence(body.detail ?? body.title ?? 'Something went wrong. Please try again.')
  }
  return { message, fieldErrors, status }
}

/** Why a new password cannot be sent yet; the server also refuses common ones. */
export function newPasswordIssue(password: string): string | undefined {
  const length = passwordLength(password)
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
  return undefined
}

/** Why a name cannot be sent yet (the server's bound). */
export const nameIssue = (name: string) =>
  name.trim().length > NAME_MAX_LENGTH ? `Use at most ${NAME_MAX_LENGTH} characters.` : undefined

export function emailIssue(email: string): string | undefined {
  const trimmed = email.trim()
  if (!trimmed) return 'Enter your email address.'
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'Enter an email address like name@example.com.'
  if (trimmed.length > EMAIL_MAX_LENGTH) return `Use an email address of at most ${EMAIL_MAX_LENGTH} characters.`
  return undefined
}
