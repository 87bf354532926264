import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Envelope } from '#kernel/contracts/messaging'
import { createEnvelope } from '#kernel/messaging/envelope'
import { busTransports, startModuleBus, type ModuleBus } from '#test/support/module-bus'
import { ProcessPayment, RefundPayment } from '../contracts/events'
import { paymentCommandsHandler } from '../server/consumers/payment-commands'
import { answerChallenge } from '../server/features/simulated-challenge'
import { chargeFor, openPayment } from './payment-store'

/** Payment as the checkout saga will use it, on the simulated gateway: commands in through the bus, events out through its outbox. */
describe.each([...busTransports(), ['embedded', false] as const])(
  'payment through the bus (%s)',
  (variant, unavailable) => {
    // Embedded: PGlite and the in-process bus, as a newcomer's `npm run dev` runs.
    const transport = variant === 'embedded' ? 'in-process' : variant
    let store: Awaited<ReturnType<typeof openPayment>>
    let bus: ModuleBus
    const events = () => bus.collected
    const eventsOf = (orderId: string) => bus.typesFor(orderId)
    const send = (...envelopes: Envelope[]) => bus.publish(...envelopes)

    beforeAll(async () => {
      if (unavailable) return
      store = await openPayment('simulated', { embedded: variant === 'embedded' })
      bus = await startModuleBus({
        module: 'payment',
        transport,
        sql: store.sql,
        handlers: [paymentCommandsHandler(() => Promise.resolve(store.payment))],
        collect: [
          'payment.completed.v1',
          'payment.failed.v1',
          'payment.action-required.v1',
          'payment.refunded.v1',
          'payment.refund-failed.v1',
        ],
      })
    })
    afterAll(async () => {
      if (unavailable) return
      await bus?.close()
      await store?.close()
    })

    it.skipIf(unavailable)('charges a test card once, however often the command comes', async () => {
      const charge = chargeFor('pm_card_visa')
      const command = createEnvelope(ProcessPayment, charge)
      // Then five more at once: the same attempt, so the same one charge.
      await send(command)
      await expect.poll(() => eventsOf(charge.orderId), { timeout: 20_000 }).toEqual(['payment.completed.v1'])
      await send(...Array.from({ length: 5 }, () => createEnvelope(ProcessPayment, charge)))
      await expect.poll(() => eventsOf(charge.orderId).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6)
      expect(new Set(eventsOf(charge.orderId))).toEqual(new Set(['payment.completed.v1']))
      const completed = events().find((e) => (e.payload as { orderId: string }).orderId === charge.orderId)!
      expect(completed.correlationId).toBe(command.correlationId)
      expect(completed.payload).toMatchObject({ attempt: 1, amount: { amount: 4250, currency: 'EUR' } })
      expect(await store.paymentsOf(charge.orderId)).toHaveLength(1)
      expect(await store.simulatedIntentsOf(charge.orderId)).toEqual([
        expect.objectContaining({ status: 'succeeded', payment_method: 'pm_card_visa' }),
      ])
    })

    it.skipIf(unavailable)('declines the declining test card with a reason the customer can read', async () => {
      const charge = chargeFor('pm_card_chargeDeclined')
      await send(createEnvelope(ProcessPayment, charge))
      await expect.poll(() => eventsOf(charge.orderId), { timeout: 20_000 }).toEqual(['payment.failed.v1'])
      expect(
        events().find((e) => (e.payload as { orderId: string }).orderId === charge.orderId)!.payload,
      ).toMatchObject({
        code: 'generic_decline',
        reason: 'Your card was declined. Try another card or contact your bank.',
      })
      // The saga's second attempt with another card is a new charge.
      await send(createEnvelope(ProcessPayment, { ...charge, attempt: 2, paymentMethod: 'pm_card_visa' }))
      await expect
        .poll(() => eventsOf(charge.orderId), { timeout: 20_000 })
        .toEqual(['payment.failed.v1', 'payment.completed.v1'])
    })

    it.skipIf(unavailable)('waits while the customer authenticates, then completes once', async () => {
      const charge = chargeFor('pm_card_authenticationRequired')
      await send(createEnvelope(ProcessPayment, charge))
      await expect.poll(() => eventsOf(charge.orderId), { timeout: 20_000 }).toEqual(['payment.action-required.v1'])
      const [row] = await store.paymentsOf(charge.orderId)
      expect(row!.action_url).toBe(`https://shop.test/payments/simulated/${row!.intent_id}`)
      const answered = await answerChallenge(store.payment, row!.intent_id!, 'complete')
      expect(answered).toEqual({
        ok: true,
        value: { status: 'succeeded', returnUrl: 'https://shop.test/account/orders/return' },
      })
      // Answered again (a double click, a back button): nothing more happens.
      await answerChallenge(store.payment, row!.intent_id!, 'fail')
      await expect
        .poll(() => eventsOf(charge.orderId), { timeout: 20_000 })
        .toEqual(['payment.action-required.v1', 'payment.completed.v1'])
      expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('succeeded')
    })

    it.skipIf(unavailable)('refunds in parts and never more than was captured, each refund once', async () => {
      const charge = chargeFor('pm_card_visa', 5_000)
      await send(createEnvelope(ProcessPayment, charge))
      await expect.poll(() => eventsOf(charge.orderId), { timeout: 20_000 }).toEqual(['payment.completed.v1'])
      const part = { orderId: charge.orderId, refundId: randomUUID(), amount: 2_000, reason: 'one item returned' }
      await send(...Array.from({ length: 4 }, () => createEnvelope(RefundPayment, part)))
      const tooMuch = { orderId: charge.orderId, refundId: randomUUID(), amount: 3_001, reason: 'too much' }
      await expect
        .poll(() => eventsOf(charge.orderId).filter((type) => type === 'payment.refunded.v1').length, {
          timeout: 20_000,
        })
        .toBeGreaterThanOrEqual(1)
      await send(createEnvelope(RefundPayment, tooMuch))
      await expect
        .poll(() => eventsOf(charge.orderId).includes('payment.refund-failed.v1'), { timeout: 20_000 })
        .toBe(true)
      const rest = { orderId: charge.orderId, refundId: randomUUID(), reason: 'order cancelled' }
      await send(createEnvelope(RefundPayment, rest), createEnvelope(RefundPayment, rest))
      await expect
        .poll(async () => (await store.paymentsOf(charge.orderId))[0]!.status, { timeout: 20_000 })
        .toBe('refunded')
      expect((await store.refundsOf(charge.orderId)).map((r) => [r.id, Number(r.amount), r.status])).toEqual([
        [part.refundId, 2_000, 'succeeded'],
        [rest.refundId, 3_000, 'succeeded'],
      ])
      expect(await store.simulatedIntentsOf(charge.orderId)).toEqual([
        expect.objectContaining({ amount_refunded: 5_000 }),
      ])
      const failed = events().find(
        (e) =>
          e.type === 'payment.refund-failed.v1' && (e.payload as { refundId: string }).refundId === tooMuch.refundId,
      )
      expect(failed?.payload).toMatchObject({ code: 'amount_too_large' })
    })

    it.skipIf(unavailable)('refuses to refund an order that paid nothing', async () => {
      const orderId = chargeFor('pm_card_visa').orderId
      await send(createEnvelope(RefundPayment, { orderId, refundId: randomUUID(), reason: 'cancelled' }))
      await expect.poll(() => eventsOf(orderId), { timeout: 20_000 }).toEqual(['payment.refund-failed.v1'])
      expect(events().find((e) => (e.payload as { orderId: string }).orderId === orderId)!.payload).toMatchObject({
        code: 'nothing_captured',
      })
    })
  },
)
