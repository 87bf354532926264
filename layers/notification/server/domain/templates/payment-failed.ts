import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

/** `reason` is the payment module's sentence for the customer ("Your card was declined. …"). */
export const paymentFailed = (
  { order, reason }: Input<'payment-failed'>,
  { shop, format }: TemplateContext,
): Message => ({
  subject: `Order ${order.number} cancelled: payment failed`,
  blocks: [
    paragraph(`We could not take the payment for your order ${order.number}, so we have cancelled it.`),
    paragraph(reason),
    paragraph('The items are still in your basket if you would like to try again.'),
    orderFacts(order, format),
    viewOrder(shop, order),
  ],
})
