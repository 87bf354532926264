import { getQuery, sendRedirect, type H3Event } from 'h3'
import type { z } from 'zod'
import type { Refusal, Result } from '#kernel/contracts/result'
import { formFailureCode, readForm } from '#kernel/http/read-form'
import { safeReturnTo } from '../../contracts'
import type { SessionGrant } from '../features/start-session'
import type { Identity } from '../identity'
import { startCookieSession } from './session-cookies'

/** The identity slices that also answer a page's form posted before (or without) JavaScript. */
export const FORM_PATHS = ['login', 'register', 'forgot-password', 'reset-password'].map(
  (name) => `/api/v1/identity/${name}`,
)

/**
 * Back to the form's page (303, so the browser asks for it with GET), saying why. A sign-in form
 * keeps where the shopper was going; `keep` carries anything else the page needs again.
 */
export function backToForm(
  event: H3Event,
  page: string,
  refusal: Refusal,
  returnTo?: unknown,
  keep: Record<string, string> = {},
) {
  const destination = safeReturnTo(returnTo)
  const query = new URLSearchParams({
    ...(destination === '/' ? {} : { returnTo: destination }),
    ...keep,
    error: formFailureCode(refusal),
  })
  return sendRedirect(event, `${page}?${query}`, 303)
}

/**
 * A sign-in form (sign in, create an account) posted without JavaScript to `?returnTo=<path>`,
 * read with the slice's schema. Signed in, the browser gets the session's cookies and goes where
 * it was going; refused, it goes back to the page, which says why.
 */
export async function answerSignInForm<S extends z.ZodType>(
  event: H3Event,
  identity: Identity,
  page: string,
  schema: S,
  signIn: (input: z.output<S>) => Promise<Result<SessionGrant>>,
) {
  const { returnTo } = getQuery(event)
  const form = await readForm(event, schema)
  const result = form.ok ? await signIn(form.value) : form
  if (!result.ok) return backToForm(event, page, result, returnTo)
  await startCookieSession(event, identity, result.value)
  return sendRedirect(event, safeReturnTo(returnTo), 303)
}
