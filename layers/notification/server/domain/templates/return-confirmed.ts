import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

/** Sent when the shop has received what the customer sent back; the order's payment is then refunded. */
export const returnConfirmed = ({ order }: Input<'return-confirmed'>, { shop, format }: TemplateContext): Message => ({
  subject: `Return for order ${order.number} confirmed`,
  blocks: [
    paragraph(`We have received what you sent back from your order ${order.number} and confirmed your return.`),
    paragraph('Your payment is being refunded to the way you paid.'),
    orderFacts(order, format),
    viewOrder(shop, order),
  ],
})
