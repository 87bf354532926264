import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { startShopApp, type ShopApp } from '#test/support/shop-app'
import { processPayment } from '../server/features/process-payment'
import { FAKE_SECRET_KEY, startFakeStripe, type FakeStripe } from './fake-stripe'
import { chargeFor, openPayment, WEBHOOK_SECRET } from './payment-store'

const services = testServices()
const WEBHOOK = '/api/v1/payments/webhooks/stripe'
const sign = (payload: string, secret = WEBHOOK_SECRET, timestamp?: number) =>
  new Stripe(FAKE_SECRET_KEY).webhooks.generateTestHeaderString({ payload, secret, timestamp })

describe.skipIf(!services.databaseUrl || !services.redisUrl)('payments over HTTP', () => {
  describe('with Stripe', () => {
    let stripe: FakeStripe
    let app: ShopApp
    let store: Awaited<ReturnType<typeof openPayment>>
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${app.url}${WEBHOOK}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      })

    beforeAll(async () => {
      stripe = await startFakeStripe()
      store = await openPayment({ stripeUrl: stripe.url })
      app = await startShopApp({
        env: {
          STRIPE_SECRET_KEY: FAKE_SECRET_KEY,
          STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
          STRIPE_PUBLISHABLE_KEY: 'pk_test_fakePublishable',
          STRIPE_API_URL: stripe.url,
        },
      })
    })
    afterAll(async () => {
      await app?.close()
      await store?.close()
      await stripe?.close()
    })

    it('applies a signed event once, and answers a repeat 200 without applying it again', async () => {
      const charge = chargeFor('pm_card_authenticationRequired')
      expect(await processPayment(store.payment, charge)).toBe('requires_action')
      const [row] = await store.paymentsOf(charge.orderId)
      const body = stripe.event('payment_intent.succeeded', stripe.authenticate(row!.intent_id!, true))

      const first = await post(body, { 'stripe-signature': sign(body) })
      expect(first.status).toBe(200)
      expect(await first.json()).toEqual({ received: true, outcome: 'applied' })
      const again = await post(body, { 'stripe-signature': sign(body) })
      expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' })
      expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('succeeded')
      expect((await store.emitted(charge.orderId)).map((e) => e.type)).toEqual([
        'payment.action-required.v1',
        'payment.completed.v1',
      ])
    })

    it('refuses a bad, stale or missing signature with a problem, and changes nothing', async () => {
      const charge = chargeFor('pm_card_authenticationRequired')
      await processPayment(store.payment, charge)
      const [row] = await store.paymentsOf(charge.orderId)
      const body = stripe.event('payment_intent.succeeded', stripe.authenticate(row!.intent_id!, true))
      for (const headers of <Record<string, string>[]>[
        { 'stripe-signature': sign(body, 'whsec_notOurs') },
        { 'stripe-signature': sign(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301) },
        {},
      ]) {
        const refused = await post(body, headers)
        expect(refused.status).toBe(400)
        expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      }
      expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('requires_action')
    })

    it('refuses a body larger than any Stripe event before reading it', async () => {
      const huge = JSON.stringify({ padding: 'x'.repeat(300 * 1024) })
      const refused = await post(huge, { 'stripe-signature': sign(huge) })
      expect(refused.status).toBe(413)
    })

    it('takes no test cards when Stripe takes the payments', async () => {
      const response = await fetch(`${app.url}/api/v1/payments/simulated/payment-methods`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123' }),
      })
      expect(response.status).toBe(404)
    })
  })

  describe('simulated', () => {
    let app: ShopApp
    let store: Awaited<ReturnType<typeof openPayment>>
    const postJson = (path: string, body: unknown) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })

    beforeAll(async () => {
      store = await openPayment('simulated')
      app = await startShopApp()
    })
    afterAll(async () => {
      await app?.close()
      await store?.close()
    })

    it('turns a test card into its payment method id, and refuses any other card', async () => {
      const visa = await postJson('/api/v1/payments/simulated/payment-methods', {
        number: '4242 4242 4242 4242',
        expiry: '12 / 34',
        cvc: '123',
      })
      expect(await visa.json()).toEqual({ id: 'pm_card_visa' })
      const secure = await postJson('/api/v1/payments/simulated/payment-methods', {
        number: '4000-0027-6000-3184',
        expiry: '01/40',
        cvc: '1234',
      })
      expect(await secure.json()).toEqual({ id: 'pm_card_authenticationRequired' })
      const real = await postJson('/api/v1/payments/simulated/payment-methods', {
        number: '4111 1111 1111 1111',
        expiry: '12 / 34',
        cvc: '123',
      })
      expect(real.status).toBe(400)
      expect(((await real.json()) as { errors: unknown[] }).errors).toEqual([
        { field: 'number', message: 'is not one of the test cards listed on this page' },
      ])
      const garbled = await postJson('/api/v1/payments/simulated/payment-methods', {
        number: 'abc',
        expiry: '13/30',
        cvc: '12',
      })
      expect(((await garbled.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
        'number',
        'expiry',
        'cvc',
      ])
      const expired = await postJson('/api/v1/payments/simulated/payment-methods', {
        number: '4242 4242 4242 4242',
        expiry: '12 / 20',
        cvc: '123',
      })
      expect(((await expired.json()) as { errors: { field: string; message: string }[] }).errors).toEqual([
        { field: 'expiry', message: 'the card has expired' },
      ])
    })

    it('shows the challenge page and settles the payment from it, once', async () => {
      const charge = chargeFor('pm_card_authenticationRequired', 12_345)
      expect(await processPayment(store.payment, charge)).toBe('requires_action')
      const [row] = await store.paymentsOf(charge.orderId)
      const page = await fetch(`${app.url}/payments/simulated/${row!.intent_id}`)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('Confirm your payment')
      expect(html).toContain('€123.45')
      expect(html).toContain('Authenticate payment')

      const challenge = `/api/v1/payments/simulated/challenges/${row!.intent_id}`
      const answered = await postJson(challenge, { outcome: 'complete' })
      expect(await answered.json()).toEqual({
        status: 'succeeded',
        returnUrl: 'https://shop.test/account/orders/return',
      })
      expect(await (await postJson(challenge, { outcome: 'fail' })).json()).toMatchObject({ status: 'succeeded' })
      expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('succeeded')
      expect((await store.emitted(charge.orderId)).map((e) => e.type)).toEqual([
        'payment.action-required.v1',
        'payment.completed.v1',
      ])

      expect((await postJson(challenge, { outcome: 'maybe' })).status).toBe(400)
      expect((await fetch(`${app.url}/api/v1/payments/simulated/challenges/pi_sim_${'0'.repeat(24)}`)).status).toBe(404)
      expect((await fetch(`${app.url}/api/v1/payments/simulated/challenges/not-an-id`)).status).toBe(400)
    })
  })
})
