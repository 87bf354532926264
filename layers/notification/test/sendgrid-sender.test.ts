import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Email, SendOutcome } from '../server/domain/email'
import { sendgridSender, type SendgridOptions } from '../server/infrastructure/sendgrid-sender'
import { startFakeSendgrid } from './fake-sendgrid'

const API_KEY = 'SG.test-key_0123456789.abcdefghijklmnopqrstuvwxyz'
const FROM = { email: 'orders@larkspur.example', name: 'Larkspur' }
const email: Email = {
  to: 'ada@example.com',
  subject: 'Your order LS-1042 is on its way',
  text: 'Hello Ada,\n\nYour order is on its way.',
  html: '<p>Hello Ada,</p><p>Your order is on its way.</p>',
}

/** A port on 127.0.0.1 with nothing listening: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('the SendGrid sender against a local SendGrid', () => {
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>
  const outcomes: SendOutcome[] = []
  const sender = (options: Partial<SendgridOptions> = {}) =>
    sendgridSender({ apiKey: API_KEY, from: FROM, apiUrl: sendgrid.url, timeoutMs: 2_000, ...options })
  const send = async (options: Partial<SendgridOptions> = {}, mail: Email = email) => {
    const outcome = await sender(options).send(mail)
    outcomes.push(outcome)
    return outcome
  }

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid(API_KEY)
  })
  beforeEach(() => {
    sendgrid.mails.length = 0
  })
  afterAll(async () => {
    await sendgrid?.stop()
  })

  it('sends the email and reports SendGrid’s message id', async () => {
    const outcome = await send()
    expect(outcome).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^[\w-]{22}$/) })
    expect(sendgrid.mails).toEqual([
      {
        personalizations: [{ to: [{ email: email.to }] }],
        from: FROM,
        subject: email.subject,
        content: [
          { type: 'text/plain', value: email.text },
          { type: 'text/html', value: email.html },
        ],
      },
    ])
  })

  it('asks once: a refused or failed request is not retried by the SDK', async () => {
    const before = sendgrid.requests()
    sendgrid.failNext({ status: 503 })
    expect((await send()).status).toBe('transient')
    expect(sendgrid.requests() - before).toBe(1)
    expect(sendgrid.mails).toEqual([])
  })

  it('reports a 429 as transient, with the wait SendGrid’s Retry-After asks for', async () => {
    sendgrid.failNext({ status: 429, retryAfterSeconds: 30 })
    expect(await send()).toEqual({
      status: 'transient',
      error: 'SendGrid answered 429: too many requests',
      retryAfterMs: 30_000,
    })
  })

  it('reports a 429 without Retry-After as transient, waiting until X-RateLimit-Reset', async () => {
    sendgrid.failNext({ status: 429 })
    const outcome = await send()
    expect(outcome.status).toBe('transient')
    // The fake resets its limit at the next full minute.
    expect(outcome).toMatchObject({ retryAfterMs: expect.any(Number) })
    const { retryAfterMs } = outcome as { retryAfterMs: number }
    expect(retryAfterMs).toBeGreaterThanOrEqual(0)
    expect(retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it.each([
    [500, 'SendGrid answered 500: internal server error'],
    [502, 'SendGrid answered 502: Bad Gateway'],
    [503, 'SendGrid answered 503: Service Unavailable'],
  ] as const)('reports a %i as transient', async (status, error) => {
    sendgrid.failNext({ status })
    expect(await send()).toEqual({ status: 'transient', error })
  })

  it('reports a request SendGrid does not answer in time as transient', async () => {
    sendgrid.failNext({ hang: true })
    const started = Date.now()
    const outcome = await send({ timeoutMs: 200 })
    expect(outcome).toEqual({ status: 'transient', error: expect.stringMatching(/ECONNABORTED.*timeout of 200ms/) })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('reports a refused connection as transient', async () => {
    const outcome = await send({ apiUrl: `http://127.0.0.1:${await closedPort()}` })
    expect(outcome).toEqual({ status: 'transient', error: expect.stringContaining('ECONNREFUSED') })
  })

  it('reports an address SendGrid refuses as permanent, with SendGrid’s message', async () => {
    const outcome = await send({}, { ...email, to: 'ada.example.com' })
    expect(outcome).toEqual({
      status: 'permanent',
      error: 'SendGrid answered 400: Does not contain a valid address. (personalizations.0.to.0.email)',
    })
    expect(sendgrid.mails).toEqual([])
  })

  it('reports a 400 as permanent, joining each of SendGrid’s errors', async () => {
    sendgrid.failNext({
      status: 400,
      errors: [
        { message: 'The subject is required.', field: 'subject', help: null },
        { message: 'invalid request', field: null, help: null },
      ],
    })
    expect(await send()).toEqual({
      status: 'permanent',
      error: 'SendGrid answered 400: The subject is required. (subject); invalid request',
    })
  })

  it.each([
    [403, 'access forbidden'],
    [413, 'content too large'],
  ] as const)('reports a %i as permanent', async (status, message) => {
    sendgrid.failNext({ status })
    expect(await send()).toEqual({ status: 'permanent', error: `SendGrid answered ${status}: ${message}` })
  })

  it('reports a wrong API key as permanent', async () => {
    expect(await send({ apiKey: 'SG.wrong-key.0123456789' })).toEqual({
      status: 'permanent',
      error: 'SendGrid answered 401: The provided authorization grant is invalid, expired, or revoked',
    })
  })

  it('blanks the API key out of anything SendGrid echoes back', async () => {
    sendgrid.failNext({
      status: 400,
      errors: [{ message: `The key ${API_KEY} may not send`, field: null, help: null }],
    })
    expect(await send()).toEqual({
      status: 'permanent',
      error: 'SendGrid answered 400: The key [api key] may not send',
    })
  })

  it('never puts the API key in an outcome', () => {
    expect(outcomes.length).toBeGreaterThan(10)
    for (const outcome of outcomes) {
      const text = JSON.stringify(outcome)
      expect(text).not.toContain(API_KEY)
      expect(text).not.toContain('SG.wrong-key')
    }
  })
})
