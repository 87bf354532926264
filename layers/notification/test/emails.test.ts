import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { accessToken, type ShopApp } from '#test/support/shop-app'
import { testServices } from '#test/support/services'
import { aCustomer, skusInStock, startOrdersApp } from '#test/support/orders-app'
import { startFakeSendgrid } from './fake-sendgrid'

const services = testServices()
const API_KEY = 'SG.emails-test_0123456789.abcdefghijklmnopqrstuvwxyz'

interface EmailRow {
  key: string
  template: string
  status: string
  attempts: number
  provider: string | null
  provider_message_id: string | null
  last_error: string | null
}

describe.skipIf(!services.databaseUrl || !services.redisUrl || !services.amqpUrl)('emails through SendGrid', () => {
  let app: ShopApp
  let sendgrid: Awaited<ReturnType<typeof startFakeSendgrid>>
  let db: pg.Client

  beforeAll(async () => {
    sendgrid = await startFakeSendgrid(API_KEY)
    app = await startOrdersApp({
      env: {
        SENDGRID_API_KEY: API_KEY,
        SENDGRID_API_URL: sendgrid.url,
        EMAIL_RETRY_DELAYS_MS: '200,400,800',
        LOG_LEVEL: 'debug',
      },
    })
    db = new pg.Client({ connectionString: services.databaseUrl })
    await db.connect()
    // What the start queued (the admin's welcome) is out of the way before a test arms a failure.
    await vi.waitFor(async () => expect(await queued()).toBe(0), { timeout: 20_000, interval: 100 })
  })
  afterAll(async () => {
    await db?.end()
    await app?.close()
    await sendgrid?.stop()
  })

  async function queued() {
    const { rows } = await db.query(`select count(*)::int as n from notification.emails where status = 'queued'`)
    return rows[0].n as number
  }
  const emailsTo = async (address: string) =>
    (
      await db.query<EmailRow>(
        `select key, template, status, attempts, provider, provider_message_id, last_error
         from notification.emails where to_address = $1 order by created_at`,
        [address],
      )
    ).rows
  const mailsTo = (address: string) =>
    sendgrid.mails.filter((mail) => mail.personalizations.some((p) => p.to.some((to) => to.email === address)))
  /**
   * A customer whose registration emails (welcome, confirm your address) are sent: a test then
   * asks for one email only, a password reset, with the failure it armed.
   */
  async function registered(label: string) {
    const email = `${label}-${crypto.randomUUID()}@example.com`
    await accessToken(app.url, { email, password: 'a fine shopper passphrase', firstName: 'Grace' })
    await expect
      .poll(async () => (await emailsTo(email)).map((row) => row.status), { timeout: 10_000 })
      .toEqual(['sent', 'sent'])
    return email
  }
  async function resetPassword(email: string) {
    const response = await fetch(`${app.url}/api/v1/identity/forgot-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.97.0.1' },
      body: JSON.stringify({ email }),
    })
    expect(response.status).toBe(202)
  }
  const passwordResets = async (email: string) =>
    (await emailsTo(email)).filter((row) => row.template === 'password-reset')

  it('waits and tries again when SendGrid is busy (429) or failing (5xx), then sends once', async () => {
    const email = await registered('busy')
    sendgrid.failNext({ status: 429, retryAfterSeconds: 1 })
    sendgrid.failNext({ status: 503 })
    await resetPassword(email)

    await expect.poll(async () => (await passwordResets(email))[0]?.status, { timeout: 15_000 }).toBe('sent')
    const [reset] = await passwordResets(email)
    expect(reset).toMatchObject({ status: 'sent', attempts: 3, provider: 'sendgrid' })
    expect(reset!.provider_message_id).toBeTruthy()
    const mails = mailsTo(email).filter((mail) => mail.subject === 'Reset your password')
    expect(mails).toHaveLength(1)
    expect(mails[0]!.content).toEqual([
      { type: 'text/plain', value: expect.stringContaining('Grace') },
      { type: 'text/html', value: expect.stringContaining('<html') },
    ])
    const deferred = app
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"email deferred"') && line.includes('"template":"password-reset"'))
    expect(deferred.map((line) => (JSON.parse(line) as { retryInMs: number }).retryInMs)).toEqual([1_000, 400])
    expect(app.output()).not.toContain(API_KEY)
  })

  it('records an email SendGrid refuses (400) as failed, and never tries it again', async () => {
    const email = await registered('refused')
    const refusal = { message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }
    sendgrid.failNext({ status: 400, errors: [refusal] })
    await resetPassword(email)

    await expect.poll(async () => (await passwordResets(email))[0]?.status, { timeout: 10_000 }).toBe('failed')
    const requests = sendgrid.requests()
    await new Promise((resolve) => setTimeout(resolve, 1_500)) // longer than every retry delay
    const [reset] = await passwordResets(email)
    expect(reset).toMatchObject({ status: 'failed', attempts: 1, provider: 'sendgrid' })
    expect(reset!.last_error).toContain('Does not contain a valid address.')
    expect(sendgrid.requests()).toBe(requests)
    expect(mailsTo(email).filter((mail) => mail.subject === 'Reset your password')).toEqual([])
  })

  it('sends one email per order event, also when the bus delivers the event twice', async () => {
    const [sku] = await skusInStock(app, 1)
    const customer = await aCustomer(app)
    const me = await customer.json<{ email: string }>('GET', '/api/v1/identity/me')
    await customer.addToCart(sku!)
    const { orderId, orderNumber } = await customer.placed()
    await customer.reaches(orderId, 'Paid')
    const confirmed = () => mailsTo(me.email).filter((mail) => mail.subject === `Order ${orderNumber} confirmed`)
    await expect.poll(() => confirmed().length, { timeout: 10_000 }).toBe(1)

    // The relay publishes the Paid event again, as when one dies between publishing and marking and its lease runs out.
    const { rows } = await db.query<{ id: string }>(
      `update ordering.outbox set processed_on = null, next_attempt_at = now()
       where type = 'ordering.order-status-changed.v1'
         and content #>> '{payload,orderId}' = $1 and content #>> '{payload,newStatus}' = 'Paid'
       returning id`,
      [orderId],
    )
    expect(rows).toHaveLength(1)
    const messageId = rows[0]!.id
    await expect
      .poll(
        () =>
          app
            .output()
            .split('\n')
            .some((line) => line.includes(`"messageId":"${messageId}"`) && line.includes('already told: a redelivery')),
        { timeout: 15_000 },
      )
      .toBe(true)

    expect(confirmed()).toHaveLength(1)
    expect((await emailsTo(me.email)).filter((email) => email.template === 'order-confirmed')).toEqual([
      expect.objectContaining({ key: `${messageId}:order-confirmed`, status: 'sent', attempts: 1 }),
    ])
    const notices = await customer.json<{ items: { title: string }[] }>('GET', '/api/v1/notifications')
    expect(notices.items.filter((notice) => notice.title === `Order ${orderNumber} confirmed`)).toHaveLength(1)
  })
})
