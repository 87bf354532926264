import { describe, expect, it } from 'vitest'
import { ORDER_STATUSES, type OrderStatus } from '../../contracts'
import { eventsHandledIn, isFinal, react, started, type SagaEvent, type SagaEventType } from './checkout-saga'

const EVENTS: Record<SagaEventType, SagaEvent> = {
  'inventory-reserved': { type: 'inventory-reserved' },
  'reservation-failed': { type: 'reservation-failed', shortSkus: ['TEE-RED-M', 'MUG-01'] },
  'payment-completed': { type: 'payment-completed' },
  'payment-failed': { type: 'payment-failed', reason: 'Your card was declined.' },
  'payment-timed-out': { type: 'payment-timed-out' },
  'cancel-requested': { type: 'cancel-requested' },
  'shipment-created': { type: 'shipment-created', carrier: 'DHL', trackingNumber: 'JD0001' },
  'delivery-confirmed': { type: 'delivery-confirmed' },
  'refund-requested': { type: 'refund-requested' },
  'refund-completed': { type: 'refund-completed' },
  'return-requested': { type: 'return-requested' },
  'return-confirmed': { type: 'return-confirmed' },
}

/** Every move of the seed's diagram: the state, the event, where it ends (after any onward move). */
const MOVES: [OrderStatus, SagaEventType, OrderStatus[]][] = [
  ['InventoryReserving', 'inventory-reserved', ['InventoryReserved', 'PaymentPending']],
  ['InventoryReserving', 'reservation-failed', ['Cancelled']],
  ['InventoryReserving', 'cancel-requested', ['Cancelled']],
  ['InventoryReserved', 'payment-timed-out', ['Cancelled']],
  ['InventoryReserved', 'cancel-requested', ['Cancelled']],
  ['PaymentPending', 'payment-completed', ['Paid']],
  ['PaymentPending', 'payment-failed', ['Cancelled']],
  ['PaymentPending', 'payment-timed-out', ['Cancelled']],
  ['PaymentPending', 'cancel-requested', ['Cancelled']],
  ['Paid', 'shipment-created', ['Shipped']],
  ['Paid', 'refund-requested', ['Refunding']],
  ['Shipped', 'delivery-confirmed', ['Delivered']],
  ['Shipped', 'return-requested', ['Returning']],
  ['Refunding', 'refund-completed', ['Refunded']],
  ['Returning', 'return-confirmed', ['Returned']],
]

/** Events a state answers without moving, so nothing is left behind. */
const STAYS: [OrderStatus, SagaEventType, string][] = [
  ['Cancelled', 'inventory-reserved', 'release-inventory'],
  ['Cancelled', 'payment-completed', 'refund-payment'],
]

describe('the checkout saga', () => {
  it('starts by reserving the order’s stock', () => {
    expect(started()).toEqual({
      steps: [{ from: 'Created', to: 'InventoryReserving', note: 'Reserving stock' }],
      effects: [{ type: 'reserve-inventory' }],
    })
  })

  it.each(MOVES)('moves %s on %s to %j', (status, type, path) => {
    const outcome = react(status, EVENTS[type])
    expect(outcome.ignored).toBeUndefined()
    expect(outcome.steps.map((step) => step.to)).toEqual(path)
    expect(outcome.steps[0]!.from).toBe(status)
    outcome.steps.slice(1).forEach((step, i) => expect(step.from).toBe(path[i]))
    for (const step of outcome.steps) expect(step.note).not.toBe('')
  })

  it.each(STAYS)('stays %s on %s, and sends %s', (status, type, effect) => {
    const outcome = react(status, EVENTS[type])
    expect(outcome.steps).toEqual([])
    expect(outcome.ignored).toMatch(/after the order was cancelled/)
    expect(outcome.effects.map((e) => e.type)).toEqual([effect])
  })

  // Every other event in every state: a duplicate or an out-of-order event makes no move and sends nothing.
  const handled = new Set([...MOVES, ...STAYS].map(([status, type]) => `${status} ${type}`))
  const ignored = ORDER_STATUSES.flatMap((status) =>
    (Object.keys(EVENTS) as SagaEventType[])
      .filter((type) => !handled.has(`${status} ${type}`))
      .map((type) => [status, type] as const),
  )

  it.each(ignored)('ignores, in %s, %s', (status, type) => {
    expect(react(status, EVENTS[type])).toEqual({ steps: [], effects: [], ignored: `${type} ignored in ${status}` })
  })

  it('lists, per state, exactly the events it acts on', () => {
    for (const status of ORDER_STATUSES)
      expect(new Set(eventsHandledIn(status))).toEqual(
        new Set([...MOVES, ...STAYS].filter(([s]) => s === status).map(([, type]) => type)),
      )
  })

  it('compensates every cancellation: stock held is released, and the customer is told why', () => {
    expect(react('InventoryReserving', EVENTS['reservation-failed'])).toEqual({
      steps: [{ from: 'InventoryReserving', to: 'Cancelled', note: 'Out of stock: TEE-RED-M, MUG-01' }],
      effects: [{ type: 'stop-payment-deadline' }, { type: 'announce-cancellation', reason: 'out of stock' }],
    })
    expect(react('PaymentPending', EVENTS['payment-failed'])).toEqual({
      steps: [{ from: 'PaymentPending', to: 'Cancelled', note: 'Payment failed: Your card was declined.' }],
      effects: [
        { type: 'release-inventory', reason: 'payment failed' },
        { type: 'stop-payment-deadline' },
        { type: 'announce-cancellation', reason: 'payment failed' },
      ],
    })
    expect(react('PaymentPending', EVENTS['payment-timed-out']).effects).toEqual([
      { type: 'release-inventory', reason: 'payment timeout' },
      { type: 'stop-payment-deadline' },
      { type: 'announce-cancellation', reason: 'payment timeout' },
    ])
    expect(react('InventoryReserving', EVENTS['cancel-requested']).effects).toContainEqual({
      type: 'announce-cancellation',
      reason: 'cancelled by the customer',
    })
  })

  it('asks for payment once stock is held, and starts the payment clock', () => {
    expect(react('InventoryReserving', EVENTS['inventory-reserved']).effects).toEqual([
      { type: 'start-payment-deadline' },
      { type: 'process-payment' },
    ])
  })

  it('clears the basket only once paid, stops the clock and keeps the stock held until it ships', () => {
    expect(react('PaymentPending', EVENTS['payment-completed']).effects).toEqual([
      { type: 'stop-payment-deadline' },
      { type: 'keep-inventory' },
      { type: 'clear-basket' },
    ])
  })

  it('gives back stock and money on a refund, and takes stock back in on a return', () => {
    expect(react('Paid', EVENTS['refund-requested']).effects.map((e) => e.type)).toEqual([
      'release-inventory',
      'refund-payment',
    ])
    expect(react('Paid', EVENTS['shipment-created']).effects).toEqual([{ type: 'commit-inventory' }])
    expect(react('Paid', EVENTS['shipment-created']).steps[0]!.note).toBe('Shipped with DHL, tracking number JD0001')
    expect(react('Returning', EVENTS['return-confirmed']).effects.map((e) => e.type)).toEqual([
      'restock-inventory',
      'refund-payment',
    ])
  })

  it('ends in Delivered, Refunded, Returned and Cancelled', () => {
    expect(ORDER_STATUSES.filter(isFinal)).toEqual(['Delivered', 'Refunded', 'Returned', 'Cancelled'])
    for (const status of ORDER_STATUSES.filter(isFinal))
      expect(eventsHandledIn(status).every((type) => react(status, EVENTS[type]).steps.length === 0)).toBe(true)
  })
})
