import type { H3Event } from 'h3'

/** What a context does when a browser signs in on this request (the basket takes over a guest's cart). */
export type SignInListener = (event: H3Event, userId: string) => Promise<void>

const listeners: SignInListener[] = []

/** A context's composition root asks to hear of sign-ins; identity announces them. */
export const onSignIn = (listener: SignInListener) => void listeners.push(listener)

/**
 * Identity calls this once a browser's new session cookies are set, before the response goes: a
 * listener's cookies and refusals become part of the sign-in's answer.
 */
export async function announceSignIn(event: H3Event, userId: string): Promise<void> {
  for (const listener of listeners) await listener(event, userId)
}
