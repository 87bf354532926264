import { CUSTOMER_ACTIONS, STATUS_LABELS, type CustomerAction, type OrderStatus } from '../../contracts'
import { react, type SagaEvent } from './checkout-saga'

/** What each of a customer's requests asks of the saga. */
export const CUSTOMER_EVENTS: Record<CustomerAction, SagaEvent> = {
  cancel: { type: 'cancel-requested' },
  refund: { type: 'refund-requested' },
  return: { type: 'return-requested' },
}

/** What a customer may ask of an order in `status`: exactly what the saga would act on. */
export const customerActionsIn = (status: OrderStatus): CustomerAction[] =>
  CUSTOMER_ACTIONS.filter((action) => react(status, CUSTOMER_EVENTS[action]).steps.length > 0)

const REFUSED: Partial<Record<SagaEvent['type'], string>> = {
  'cancel-requested': 'can no longer be cancelled: only an order not yet paid can be',
  'refund-requested': 'cannot be refunded now: a refund is for a paid order that has not been shipped',
  'return-requested': 'cannot be returned now: a return is for an order that has been shipped',
  'shipment-created': 'cannot be shipped: only a paid order can be',
  'delivery-confirmed': 'cannot be marked delivered: only a shipped order can be',
  'return-confirmed': 'has no return to confirm: only an order being returned has',
}

/** Why a request the saga ignored was refused, for the person who asked. */
export const refusedBecause = (status: OrderStatus, event: SagaEvent['type']): string =>
  `This order is at "${STATUS_LABELS[status]}": it ${REFUSED[event] ?? 'cannot do that now'}.`
