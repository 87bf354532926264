import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

export const delivered = ({ order, occurredAt }: Input<'delivered'>, { shop, format }: TemplateContext): Message => ({
  subject: `Order ${order.number} delivered`,
  blocks: [
    paragraph(`Your order ${order.number} was delivered on ${format.date(occurredAt)}. We hope you enjoy it.`),
    orderFacts(order, format, [{ label: 'Delivered on', value: format.date(occurredAt) }]),
    viewOrder(shop, order),
  ],
})
