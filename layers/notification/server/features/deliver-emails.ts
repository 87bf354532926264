import type { SendOutcome } from '../domain/email'
import type { Notification } from '../notification'

const BATCH = 20
/** Long enough for the slowest provider answer: a sender that crashed mid-batch gives its emails back after it. */
const LEASE_MS = 60_000

/** After attempt `attempt` failed for now: how long to wait, or undefined when it was the last. */
export function retryDelay(delaysMs: number[], attempt: number, retryAfterMs = 0): number | undefined {
  const delay = delaysMs[attempt - 1]
  return delay === undefined ? undefined : Math.max(delay, retryAfterMs)
}

/**
 * Sends every email that is due, a batch at a time, and records each outcome: sent, queued again
 * after a back-off (a 429, a 5xx, a timeout), or failed for good (refused, or out of retries).
 */
export async function deliverDueEmails(notification: Notification): Promise<Record<SendOutcome['status'], number>> {
  const { emails, sender, settings, log } = notification
  const counts = { sent: 0, transient: 0, permanent: 0 }
  for (;;) {
    const due = await emails.claimDue(BATCH, LEASE_MS)
    if (!due.length) return counts
    await Promise.all(
      due.map(async ({ id, template, attempts, email }) => {
        const outcome: SendOutcome = await sender
          .send(email)
          .catch((error: unknown) => ({ status: 'transient', error: (error as Error).message }))
        const attempt = attempts + 1
        const retryIn =
          outcome.status === 'transient'
            ? retryDelay(settings.emailRetryDelaysMs, attempt, outcome.retryAfterMs)
            : undefined
        await emails.record(id, sender.name, outcome, retryIn)
        counts[outcome.status]++
        const entry = { emailId: id, template, provider: sender.name, attempt, status: outcome.status }
        if (outcome.status === 'sent') log.info(entry, 'email sent')
        else if (retryIn !== undefined)
          log.warn({ ...entry, error: outcome.error, retryInMs: retryIn }, 'email deferred')
        else log.error({ ...entry, error: outcome.error }, 'email failed')
        if (retryIn !== undefined) notification.courier.wakeIn(retryIn)
      }),
    )
  }
}
