import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

export const orderCancelled = ({ order }: Input<'order-cancelled'>, { shop, format }: TemplateContext): Message => ({
  subject: `Order ${order.number} cancelled`,
  blocks: [
    paragraph(`As you asked, we have cancelled your order ${order.number}.`),
    paragraph('Any payment for it is refunded in full, to the way you paid.'),
    orderFacts(order, format),
    viewOrder(shop, order),
  ],
})
