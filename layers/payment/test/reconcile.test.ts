import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { GatewayUnavailableError, type PaymentGateway } from '../server/domain/gateway'
import { processPayment } from '../server/features/process-payment'
import { reconcile } from '../server/features/reconcile'
import { chargeFor, openPayment } from './payment-store'

const services = testServices()
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000)

/** The net under webhooks and retries, on the simulated gateway, in a database of its own. */
describe.skipIf(!services.databaseUrl)('payment reconciliation', () => {
  let store: Awaited<ReturnType<typeof openPayment>>

  beforeAll(async () => {
    store = await openPayment('simulated', { ownDatabase: 'reconcile' })
  })
  afterAll(async () => {
    await store?.close()
  })

  /** The same payment context, its gateway replaced for one call. */
  const withGateway = (gateway: Partial<PaymentGateway>) => ({
    ...store.payment,
    gateway: { ...store.payment.gateway, ...gateway },
  })

  it('settles a charge the gateway made just before the process died, without charging again', async () => {
    const charge = chargeFor('pm_card_visa')
    const crashing = withGateway({
      async charge(request) {
        await store.payment.gateway.charge(request)
        throw new Error('killed before the answer was saved')
      },
    })
    await expect(processPayment(crashing, charge)).rejects.toThrow('killed')
    expect((await store.paymentsOf(charge.orderId))[0]).toMatchObject({ status: 'processing', intent_id: null })
    expect(await store.emitted(charge.orderId)).toEqual([])

    // Too soon: a webhook or the command's redelivery may still come.
    expect(await reconcile(store.payment, minutesFromNow(1))).toEqual({ settled: 0, unanswered: 0 })
    expect(await reconcile(store.payment, minutesFromNow(3))).toEqual({ settled: 1, unanswered: 0 })
    expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('succeeded')
    expect(await store.simulatedIntentsOf(charge.orderId)).toHaveLength(1)
    expect((await store.emitted(charge.orderId)).map((e) => e.type)).toEqual(['payment.completed.v1'])
    const { count } = await store.payment.db
      .selectFrom('simulated_intents')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('payment_method', '=', 'pm_card_visa')
      .executeTakeFirstOrThrow()
    expect(Number(count)).toBe(1)
  })

  it('leaves a payment for the next run while the gateway does not answer', async () => {
    const charge = chargeFor('pm_card_mastercard')
    const down = withGateway({
      charge: () => Promise.reject(new GatewayUnavailableError('Stripe did not answer')),
    })
    await expect(processPayment(down, charge)).rejects.toBeInstanceOf(GatewayUnavailableError)
    expect(await reconcile(down, minutesFromNow(3))).toEqual({ settled: 0, unanswered: 1 })
    expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('processing')
    expect(await reconcile(store.payment, minutesFromNow(3))).toEqual({ settled: 1, unanswered: 0 })
    expect((await store.paymentsOf(charge.orderId))[0]!.status).toBe('succeeded')
  })

  it('gives up a payment whose customer never authenticated, at the gateway too', async () => {
    const charge = chargeFor('pm_card_authenticationRequired')
    expect(await processPayment(store.payment, charge)).toBe('requires_action')
    expect(await reconcile(store.payment, minutesFromNow(30))).toEqual({ settled: 0, unanswered: 0 })
    expect(await reconcile(store.payment, minutesFromNow(61))).toEqual({ settled: 1, unanswered: 0 })
    expect((await store.paymentsOf(charge.orderId))[0]).toMatchObject({
      status: 'failed',
      failure_code: 'authentication_abandoned',
      failure_reason: 'The card was not authenticated in time, so nothing was charged.',
    })
    expect(await store.simulatedIntentsOf(charge.orderId)).toEqual([expect.objectContaining({ status: 'canceled' })])
    expect((await store.emitted(charge.orderId)).map((e) => e.type)).toEqual([
      'payment.action-required.v1',
      'payment.failed.v1',
    ])
  })
})
