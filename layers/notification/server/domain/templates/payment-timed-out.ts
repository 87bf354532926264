import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

export const paymentTimedOut = ({ order }: Input<'payment-timed-out'>, { shop, format }: TemplateContext): Message => ({
  subject: `Order ${order.number} cancelled: not paid in time`,
  blocks: [
    paragraph(`Your order ${order.number} was not paid in time, so we have cancelled it.`),
    paragraph('Nothing was charged.'),
    orderFacts(order, format),
    viewOrder(shop, order),
  ],
})
