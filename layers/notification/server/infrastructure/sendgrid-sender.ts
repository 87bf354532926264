import { Client } from '@sendgrid/client'
import { MailService } from '@sendgrid/mail'
import type { EmailSender, SendOutcome } from '../domain/email'

export interface SendgridOptions {
  apiKey: string
  from: { email: string; name: string }
  /** Another host that answers like SendGrid's v3 API (a test server); SendGrid's own when unset. */
  apiUrl?: string
  /** How long to wait for SendGrid's answer before the attempt counts as failed for now. */
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 10_000
/** A Retry-After or rate-limit reset further off than this is taken as a day. */
const MAX_RETRY_AFTER_MS = 86_400_000

/**
 * Sends through SendGrid's v3 mail send API with the official SDK, once per call: the SDK (plain
 * axios underneath) never retries, the dispatcher does, with back-off. 2xx is sent (SendGrid
 * answers 202 with an `X-Message-Id`); 408, 429, 5xx and a request that got no answer (refused,
 * reset, timed out) are worth another try; any other answer is refused for good.
 */
export function sendgridSender(options: SendgridOptions): EmailSender {
  const client = new Client()
  const mail = new MailService()
  mail.setClient(client)
  // setApiKey resets the base URL to SendGrid's own, so the override comes after it.
  mail.setApiKey(options.apiKey)
  if (options.apiUrl) client.setDefaultRequest('baseUrl', options.apiUrl)
  mail.setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const redact = (text: string) => text.replaceAll(options.apiKey, '[api key]')

  return {
    name: 'sendgrid',
    async send(email) {
      try {
        const [response] = await mail.send({
          to: email.to,
          from: options.from,
          subject: email.subject,
          text: email.text,
          html: email.html,
        })
        const messageId = header(response.headers, 'x-message-id')
        return { status: 'sent', ...(messageId && { providerMessageId: messageId }) }
      } catch (error) {
        const outcome = failure(error)
        return { ...outcome, error: redact(outcome.error) }
      }
    },
  }
}

interface SdkError {
  /** ResponseError (status ≥ 400): the HTTP status; an axios or system error: a string code. */
  code?: number | string
  message?: string
  isAxiosError?: boolean
  /** ResponseError: `{ headers, body }`; an axios error with an answer below 400: axios's response. */
  response?: { status?: number; headers?: unknown; body?: unknown; data?: unknown }
}

function failure(raw: unknown): Exclude<SendOutcome, { status: 'sent' }> {
  const error = (raw ?? {}) as SdkError
  const status = typeof error.code === 'number' ? error.code : error.response?.status
  if (status !== undefined) {
    const headers = error.response?.headers
    const text = `SendGrid answered ${status}: ${errorMessages(error.response?.body ?? error.response?.data) || error.message || 'no reason given'}`
    if (status === 429) return { status: 'transient', error: text, ...retryAfter(headers) }
    if (status === 408 || status >= 500) return { status: 'transient', error: text }
    return { status: 'permanent', error: text }
  }
  // Axios got no answer: refused, reset, timed out (ECONNABORTED), a name that did not resolve.
  const { code, message } = error
  const text =
    (code && message?.includes(String(code)) ? message : [code, message].filter(Boolean).join(': ')) || String(raw)
  if (error.isAxiosError) return { status: 'transient', error: `SendGrid unreachable: ${text}` }
  // The SDK's own checks refused the mail before anything was sent: they always will.
  return { status: 'permanent', error: `SendGrid request not sent: ${text}` }
}

/** SendGrid's `{"errors":[{"message","field","help"}]}`, as one line. */
function errorMessages(body: unknown): string | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return undefined
  const lines = errors
    .filter((entry): entry is { message: string; field?: unknown } => typeof entry?.message === 'string')
    .map(({ message, field }) => (typeof field === 'string' && field !== 'null' ? `${message} (${field})` : message))
  return lines.length ? lines.join('; ') : undefined
}

/**
 * How long SendGrid asks us to wait. Its docs describe X-RateLimit-Reset (a Unix time in seconds)
 * on every answer and no Retry-After, so a Retry-After (seconds or an HTTP date) wins when a proxy
 * or a future API sends one, and the reset time is the fallback.
 */
function retryAfter(headers: unknown): { retryAfterMs?: number } {
  const now = Date.now()
  const retry = header(headers, 'retry-after')?.trim()
  const reset = Number(header(headers, 'x-ratelimit-reset'))
  let ms: number | undefined
  if (retry && /^\d+$/.test(retry)) ms = Number(retry) * 1000
  else if (retry && !Number.isNaN(Date.parse(retry))) ms = Date.parse(retry) - now
  else if (Number.isFinite(reset) && reset > 0) ms = reset * 1000 - now
  return ms === undefined ? {} : { retryAfterMs: Math.min(Math.max(0, Math.ceil(ms)), MAX_RETRY_AFTER_MS) }
}

/** One header from axios's headers (an AxiosHeaders, or a plain object with lower-case names). */
function header(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name]
  if (Array.isArray(value)) return value.length ? String(value[0]) : undefined
  return value === undefined || value === null || value === '' ? undefined : String(value)
}
