import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { IdempotencyMismatchError } from '../server/domain/gateway'
import { processPayment } from '../server/features/process-payment'
import { receiveStripeEvent } from '../server/features/receive-stripe-event'
import { reconcile } from '../server/features/reconcile'
import { refundPayment } from '../server/features/refund-payment'
import { startFakeStripe, type FakeStripe } from './fake-stripe'
import { chargeFor, openPayment, WEBHOOK_SECRET } from './payment-store'

const services = testServices()

/** The Stripe adapter through the official SDK, against a local server that answers as Stripe does. */
describe.skipIf(!services.databaseUrl)('payments through Stripe', () => {
  let stripe: FakeStripe
  let store: Awaited<ReturnType<typeof openPayment>>

  beforeAll(async () => {
    stripe = await startFakeStripe()
    store = await openPayment({ stripeUrl: stripe.url, timeoutMs: 1_000 })
  })
  afterAll(async () => {
    await store?.close()
    await stripe?.close()
  })

  const keysOf = (route: string) => stripe.log.filter((r) => r.route === route).map((r) => r.idempotencyKey)
  const webhook = (body: string, timestamp?: number) =>
    receiveStripeEvent(
      store.payment,
      Buffer.from(body),
      store.payment.stripe!.client.webhooks.generateTestHeaderString({
        payload: body,
        secret: WEBHOOK_SECRET,
        timestamp,
      }),
    )

  it('charges a card with a PaymentIntent created and confirmed under keys derived from the order and the attempt', async () => {
    const command = chargeFor('pm_card_visa')
    const before = stripe.log.length
    expect(await processPayment(store.payment, command)).toBe('succeeded')
    const [row] = await store.paymentsOf(command.orderId)
    expect(stripe.intents.get(row!.intent_id!)).toMatchObject({
      amount: 4250,
      currency: 'eur',
      status: 'succeeded',
      metadata: { orderId: command.orderId, paymentId: row!.id },
    })
    const calls = stripe.log.slice(before)
    expect(calls.map((c) => [c.route, c.idempotencyKey])).toEqual([
      ['POST /v1/payment_intents', `order-${command.orderId}-attempt-1-create`],
      ['POST /v1/payment_intents/:id/confirm', `order-${command.orderId}-attempt-1-confirm`],
    ])
    expect((await store.emitted(command.orderId)).map((e) => e.type)).toEqual(['payment.completed.v1'])
  })

  it('tells a declined card’s customer why, in words of its own', async () => {
    const command = chargeFor('pm_card_chargeDeclinedInsufficientFunds')
    expect(await processPayment(store.payment, command)).toBe('failed')
    expect(await store.emitted(command.orderId)).toEqual([
      expect.objectContaining({
        type: 'payment.failed.v1',
        payload: expect.objectContaining({
          code: 'insufficient_funds',
          reason: 'Your card has insufficient funds. Try another card.',
        }),
      }),
    ])
  })

  it('retries a slow answer with the same key, and Stripe’s replay charges once', async () => {
    const command = chargeFor('pm_card_visa')
    const charged = stripe.charged()
    stripe.arm({ route: 'POST /v1/payment_intents/:id/confirm', slowMs: 2_500 })
    expect(await processPayment(store.payment, command)).toBe('succeeded')
    const confirms = stripe.log.filter(
      (r) => r.route === 'POST /v1/payment_intents/:id/confirm' && r.idempotencyKey?.includes(command.orderId),
    )
    expect(confirms.map((c) => c.replayed)).toEqual([false, true])
    expect(new Set(confirms.map((c) => c.idempotencyKey)).size).toBe(1)
    expect(stripe.charged()).toBe(charged + 1)
  })

  it('retries a 5xx with the same key', async () => {
    const command = chargeFor('pm_card_mastercard')
    stripe.arm({ route: 'POST /v1/payment_intents', status: 503 })
    expect(await processPayment(store.payment, command)).toBe('succeeded')
    const creates = keysOf('POST /v1/payment_intents').filter((key) => key?.includes(command.orderId))
    expect(creates).toEqual([`order-${command.orderId}-attempt-1-create`, `order-${command.orderId}-attempt-1-create`])
    expect((await store.paymentsOf(command.orderId))[0]!.status).toBe('succeeded')
  })

  it('refuses a key used again with other parameters (Stripe’s idempotency_error)', async () => {
    const command = chargeFor('pm_card_visa')
    await processPayment(store.payment, command)
    const [row] = await store.paymentsOf(command.orderId)
    await expect(
      store.payment.gateway.charge({
        idempotencyKey: row!.idempotency_key,
        paymentId: row!.id,
        orderId: command.orderId,
        amount: 9999,
        currency: 'EUR',
        paymentMethod: 'pm_card_visa',
        returnUrl: 'https://shop.test/',
      }),
    ).rejects.toBeInstanceOf(IdempotencyMismatchError)
  })

  it('refunds in parts, never more than was captured, each refund once however often it is asked', async () => {
    const command = chargeFor('pm_card_visa', 10_000)
    await processPayment(store.payment, command)
    const first = { orderId: command.orderId, refundId: randomUUID(), amount: 3_000, reason: 'one item returned' }
    const refundedEvents = async (refundId: string) =>
      (await store.emitted(command.orderId)).filter(
        (e) => e.type === 'payment.refunded.v1' && e.payload.refundId === refundId,
      )
    expect(await Promise.all([refundPayment(store.payment, first), refundPayment(store.payment, first)])).toEqual([
      'succeeded',
      'succeeded',
    ])
    // The duplicate that raced the first either found it settled (and replied) or settled nothing itself.
    const raced = await refundedEvents(first.refundId)
    expect(raced.length).toBeGreaterThanOrEqual(1)
    expect(raced.length).toBeLessThanOrEqual(2)
    expect(raced.map((e) => e.payload.refundedTotal)).toEqual(raced.map(() => 3_000))
    expect(await refundPayment(store.payment, first)).toBe('succeeded')
    expect(await refundedEvents(first.refundId)).toHaveLength(raced.length + 1)

    const rest = { orderId: command.orderId, refundId: randomUUID(), reason: 'order cancelled' }
    expect(await refundPayment(store.payment, rest)).toBe('succeeded')
    const tooMuch = { orderId: command.orderId, refundId: randomUUID(), amount: 1, reason: 'again' }
    expect(await refundPayment(store.payment, tooMuch)).toBe('refused')

    const intent = stripe.intents.get((await store.paymentsOf(command.orderId))[0]!.intent_id!)!
    expect(intent.amount_refunded).toBe(10_000)
    expect((await store.refundsOf(command.orderId)).map((r) => [Number(r.amount), r.status])).toEqual([
      [3_000, 'succeeded'],
      [7_000, 'succeeded'],
    ])
    expect((await store.paymentsOf(command.orderId))[0]).toMatchObject({ status: 'refunded', refunded: 10_000 })
    expect(
      (await refundedEvents(rest.refundId)).map((e) => [e.payload.refundedTotal, e.payload.fullyRefunded]),
    ).toEqual([[10_000, true]])
    expect((await store.emitted(command.orderId)).filter((e) => e.type === 'payment.refund-failed.v1')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ refundId: tooMuch.refundId, code: 'nothing_left' }),
      }),
    ])
  })

  it('waits for authentication, then settles by the signed webhook, once, whatever comes late or twice', async () => {
    const command = chargeFor('pm_card_authenticationRequired')
    expect(await processPayment(store.payment, command)).toBe('requires_action')
    const [row] = await store.paymentsOf(command.orderId)
    expect(row!.action_url).toMatch(/^https:\/\/hooks\.stripe\.com\/3d_secure_2\//)
    const stale = stripe.event('payment_intent.requires_action', structuredClone(stripe.intents.get(row!.intent_id!)!))
    const succeeded = stripe.event('payment_intent.succeeded', stripe.authenticate(row!.intent_id!, true))

    expect(await webhook(succeeded)).toMatchObject({ ok: true, value: { outcome: 'applied' } })
    expect(await webhook(succeeded)).toMatchObject({ ok: true, value: { outcome: 'duplicate' } })
    expect(await webhook(stale)).toMatchObject({ ok: true, value: { outcome: 'ignored' } })
    expect((await store.paymentsOf(command.orderId))[0]!.status).toBe('succeeded')
    expect((await store.emitted(command.orderId)).map((e) => e.type)).toEqual([
      'payment.action-required.v1',
      'payment.completed.v1',
    ])
  })

  it('fails a payment whose authentication failed, and ignores a success claimed after it', async () => {
    const command = chargeFor('pm_card_authenticationRequired')
    await processPayment(store.payment, command)
    const [row] = await store.paymentsOf(command.orderId)
    const failedEvent = stripe.event('payment_intent.payment_failed', stripe.authenticate(row!.intent_id!, false))
    expect(await webhook(failedEvent)).toMatchObject({ ok: true, value: { outcome: 'applied' } })
    const lateSuccess = stripe.event('payment_intent.succeeded', {
      ...stripe.intents.get(row!.intent_id!)!,
      status: 'succeeded',
    })
    expect(await webhook(lateSuccess)).toMatchObject({ ok: true, value: { outcome: 'ignored' } })
    expect((await store.paymentsOf(command.orderId))[0]).toMatchObject({
      status: 'failed',
      failure_code: 'authentication_failed',
    })
  })

  it('refuses a webhook with a bad or stale signature, and changes nothing', async () => {
    const command = chargeFor('pm_card_authenticationRequired')
    await processPayment(store.payment, command)
    const [row] = await store.paymentsOf(command.orderId)
    const body = stripe.event('payment_intent.succeeded', stripe.authenticate(row!.intent_id!, true))
    const forged = await receiveStripeEvent(
      store.payment,
      Buffer.from(body),
      store.payment.stripe!.client.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_someoneElse' }),
    )
    expect(forged).toMatchObject({ ok: false, status: 400, code: 'signature' })
    const tampered = await receiveStripeEvent(
      store.payment,
      Buffer.from(body.replace('"livemode":false', '"livemode":true')),
      store.payment.stripe!.client.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }),
    )
    expect(tampered).toMatchObject({ ok: false, status: 400 })
    expect(await webhook(body, Math.floor(Date.now() / 1000) - 301)).toMatchObject({ ok: false, status: 400 })
    expect(await receiveStripeEvent(store.payment, Buffer.from(body), undefined)).toMatchObject({
      ok: false,
      status: 400,
    })
    expect((await store.paymentsOf(command.orderId))[0]!.status).toBe('requires_action')
    expect(await webhook(body, Math.floor(Date.now() / 1000) - 290)).toMatchObject({
      ok: true,
      value: { outcome: 'applied' },
    })
  })

  it('settles a pending refund when Stripe’s webhook, or reconciliation, says how it ended', async () => {
    const command = chargeFor('pm_card_visa', 2_000)
    await processPayment(store.payment, command)
    stripe.answerRefundsWith('pending')
    try {
      const refundId = randomUUID()
      expect(await refundPayment(store.payment, { orderId: command.orderId, refundId, reason: 'cancelled' })).toBe(
        'pending',
      )
      const [refund] = await store.refundsOf(command.orderId)
      stripe.refunds.get(refund!.gateway_refund_id!)!.status = 'succeeded'
      await reconcile(store.payment, new Date(Date.now() + 10 * 60_000))
      expect((await store.refundsOf(command.orderId))[0]!.status).toBe('succeeded')
      const updated = stripe.event('refund.updated', stripe.refunds.get(refund!.gateway_refund_id!)!)
      expect(await webhook(updated)).toMatchObject({ ok: true, value: { outcome: 'ignored' } })
      expect((await store.paymentsOf(command.orderId))[0]).toMatchObject({ status: 'refunded', refunded: 2_000 })
    } finally {
      stripe.answerRefundsWith('succeeded')
    }
  })
})
