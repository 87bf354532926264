import type { CancellationReason, OrderStatus } from '../../contracts'

/** What the saga hears: the other modules' answers, the clock, and what customers and admins ask. */
export type SagaEvent =
  | { type: 'inventory-reserved' }
  | { type: 'reservation-failed'; shortSkus: readonly string[] }
  | { type: 'payment-completed' }
  | { type: 'payment-failed'; reason: string }
  | { type: 'payment-timed-out' }
  | { type: 'cancel-requested' }
  | { type: 'shipment-created'; carrier: string; trackingNumber: string }
  | { type: 'delivery-confirmed' }
  | { type: 'refund-requested' }
  | { type: 'refund-completed' }
  | { type: 'return-requested' }
  | { type: 'return-confirmed' }

export type SagaEventType = SagaEvent['type']

/** What the saga asks the rest of the shop to do after a step; the application layer sends it. */
export type SagaEffect =
  | { type: 'reserve-inventory' }
  | { type: 'process-payment' }
  | { type: 'release-inventory'; reason: string }
  | { type: 'keep-inventory' }
  | { type: 'commit-inventory' }
  | { type: 'restock-inventory' }
  | { type: 'refund-payment'; reason: string }
  | { type: 'clear-basket' }
  | { type: 'start-payment-deadline' }
  | { type: 'stop-payment-deadline' }
  | { type: 'announce-cancellation'; reason: CancellationReason }

/** One move of the order, as its status history records it. */
export interface SagaStep {
  from: OrderStatus
  to: OrderStatus
  note: string
}

/**
 * What an event does to an order in a state: the steps it makes (one, or two when the state it
 * reaches moves on by itself) and the effects to send; or nothing but effects (`steps` empty),
 * with why it made no move, for the log.
 */
export interface SagaOutcome {
  steps: SagaStep[]
  effects: SagaEffect[]
  ignored?: string
}

type Move<E extends SagaEvent = SagaEvent> = (event: E) => { to: OrderStatus; note: string; effects: SagaEffect[] }
type Stay<E extends SagaEvent = SagaEvent> = (event: E) => { ignored: string; effects: SagaEffect[] }
type Rule = { move: Move } | { stay: Stay }
type Rules = {
  [T in SagaEventType]?:
    { move: Move<Extract<SagaEvent, { type: T }>> } | { stay: Stay<Extract<SagaEvent, { type: T }>> }
}

const cancel = (reason: CancellationReason, note: string, effects: SagaEffect[]) => ({
  to: 'Cancelled' as const,
  note,
  effects: [...effects, { type: 'stop-payment-deadline' } as const, { type: 'announce-cancellation', reason } as const],
})

/** While stock is held and no money taken: the customer's cancel and the clock's. */
const cancellableWhileUnpaid: Rules = {
  'payment-timed-out': {
    move: () =>
      cancel('payment timeout', 'Payment was not completed in time', [
        { type: 'release-inventory', reason: 'payment timeout' },
      ]),
  },
  'cancel-requested': {
    move: () =>
      cancel('cancelled by the customer', 'Cancelled by the customer', [
        { type: 'release-inventory', reason: 'cancelled by the customer' },
      ]),
  },
}

/**
 * The checkout saga, exactly the seed's state diagram:
 *
 *   Created → InventoryReserving → InventoryReserved → PaymentPending → Paid → Shipped → Delivered
 *   Paid → Refunding → Refunded;  Shipped → Returning → Returned
 *   InventoryReserving | InventoryReserved | PaymentPending → Cancelled
 *
 * An event not listed for a state is ignored (a duplicate, or one that arrived out of order): it
 * never makes a second move. Cancelled still answers two late events, so nothing is left behind:
 * stock reserved after the cancel is released, and money taken after it is refunded.
 */
const TRANSITIONS: Record<OrderStatus, Rules> = {
  Created: {},
  InventoryReserving: {
    'inventory-reserved': {
      move: () => ({ to: 'InventoryReserved', note: 'Stock reserved', effects: [{ type: 'start-payment-deadline' }] }),
    },
    'reservation-failed': {
      move: (event) => cancel('out of stock', `Out of stock: ${event.shortSkus.join(', ')}`, []),
    },
    // The reservation may still be on its way: the release that follows it undoes it either way.
    'cancel-requested': cancellableWhileUnpaid['cancel-requested']!,
  },
  InventoryReserved: { ...cancellableWhileUnpaid },
  PaymentPending: {
    'payment-completed': {
      move: () => ({
        to: 'Paid',
        note: 'Payment received',
        // Paid stock is held until it ships, however long that takes: the hold stops expiring.
        effects: [{ type: 'stop-payment-deadline' }, { type: 'keep-inventory' }, { type: 'clear-basket' }],
      }),
    },
    'payment-failed': {
      move: (event) =>
        cancel('payment failed', `Payment failed: ${event.reason}`, [
          { type: 'release-inventory', reason: 'payment failed' },
        ]),
    },
    ...cancellableWhileUnpaid,
  },
  Paid: {
    'shipment-created': {
      move: (event) => ({
        to: 'Shipped',
        note: `Shipped with ${event.carrier}, tracking number ${event.trackingNumber}`,
        effects: [{ type: 'commit-inventory' }],
      }),
    },
    'refund-requested': {
      move: () => ({
        to: 'Refunding',
        note: 'Refund requested by the customer',
        effects: [
          { type: 'release-inventory', reason: 'refund requested' },
          { type: 'refund-payment', reason: 'requested by the customer' },
        ],
      }),
    },
  },
  Shipped: {
    'delivery-confirmed': { move: () => ({ to: 'Delivered', note: 'Delivered', effects: [] }) },
    'return-requested': { move: () => ({ to: 'Returning', note: 'Return requested by the customer', effects: [] }) },
  },
  Delivered: {},
  Refunding: {
    'refund-completed': { move: () => ({ to: 'Refunded', note: 'Refund completed', effects: [] }) },
  },
  Refunded: {},
  Returning: {
    'return-confirmed': {
      move: () => ({
        to: 'Returned',
        note: 'Return received',
        effects: [{ type: 'restock-inventory' }, { type: 'refund-payment', reason: 'order returned' }],
      }),
    },
  },
  Returned: {},
  Cancelled: {
    'inventory-reserved': {
      stay: () => ({
        ignored: 'stock reserved after the order was cancelled: released',
        effects: [{ type: 'release-inventory', reason: 'reserved after cancellation' }],
      }),
    },
    'payment-completed': {
      stay: () => ({
        ignored: 'payment received after the order was cancelled: refunded',
        effects: [{ type: 'refund-payment', reason: 'paid after the order was cancelled' }],
      }),
    },
  },
}

/** A state the saga leaves by itself as soon as it enters it, with what it sends on the way. */
const ONWARD: Partial<Record<OrderStatus, { to: OrderStatus; note: string; effects: SagaEffect[] }>> = {
  Created: { to: 'InventoryReserving', note: 'Reserving stock', effects: [{ type: 'reserve-inventory' }] },
  InventoryReserved: { to: 'PaymentPending', note: 'Waiting for payment', effects: [{ type: 'process-payment' }] },
}

/** The steps and effects of leaving `from` for `to`, then of every onward move after it. */
function movesFrom(from: OrderStatus, first: { to: OrderStatus; note: string; effects: SagaEffect[] }): SagaOutcome {
  const outcome: SagaOutcome = { steps: [], effects: [] }
  let at = from
  for (let move: typeof first | undefined = first; move; move = ONWARD[move.to]) {
    outcome.steps.push({ from: at, to: move.to, note: move.note })
    outcome.effects.push(...move.effects)
    at = move.to
  }
  return outcome
}

/** An order's first steps: it is created, and at once reserves its stock. */
export const started = (): SagaOutcome => movesFrom('Created', ONWARD.Created!)

/** What `event` does to an order in `status`. */
export function react(status: OrderStatus, event: SagaEvent): SagaOutcome {
  const rule = TRANSITIONS[status][event.type] as Rule | undefined
  if (!rule) return { steps: [], effects: [], ignored: `${event.type} ignored in ${status}` }
  if ('stay' in rule) {
    const { ignored, effects } = rule.stay(event)
    return { steps: [], effects, ignored }
  }
  return movesFrom(status, rule.move(event))
}

/** The events an order in `status` would act on: what its page may offer, and the saga's table. */
export const eventsHandledIn = (status: OrderStatus): SagaEventType[] =>
  Object.keys(TRANSITIONS[status]) as SagaEventType[]

/** Whether an order in `status` has reached the end of its life. */
export const isFinal = (status: OrderStatus) =>
  status === 'Delivered' || status === 'Refunded' || status === 'Returned' || status === 'Cancelled'
