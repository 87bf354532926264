import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

export const outOfStock = ({ order }: Input<'out-of-stock'>, { shop, format }: TemplateContext): Message => ({
  subject: `Order ${order.number} cancelled: an item ran out`,
  blocks: [
    paragraph(
      `Sorry: an item in your order ${order.number} ran out of stock before we could set it aside for you, so we have cancelled the order.`,
    ),
    paragraph('Nothing was charged.'),
    orderFacts(order, format),
    viewOrder(shop, order),
  ],
})
