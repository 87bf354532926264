/**
 * An email as the shop writes it, ready for any sender: one recipient, a subject, and the same
 * message as HTML and as plain text.
 */
export interface Email {
  to: string
  subject: string
  html: string
  text: string
}

/** What a sender reports: accepted (with the provider's id, if it gives one) or why not. */
export type SendOutcome =
  | { status: 'sent'; providerMessageId?: string }
  /** Worth another try later: a 429, a 5xx, a timeout, a connection refused. */
  | { status: 'transient'; error: string; retryAfterMs?: number }
  /** Will never be accepted as it is (a 400, a 401, an address the provider refuses): recorded, not retried. */
  | { status: 'permanent'; error: string }

/** The port every email leaves through: SendGrid in production, the mailbox otherwise. */
export interface EmailSender {
  readonly name: 'sendgrid' | 'mailbox'
  send(email: Email): Promise<SendOutcome>
}
