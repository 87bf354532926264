import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

export const shipped = (
  { order, carrier, trackingNumber, occurredAt }: Input<'shipped'>,
  { shop, format }: TemplateContext,
): Message => ({
  subject: `Order ${order.number} has shipped`,
  blocks: [
    paragraph(`Your order ${order.number} shipped on ${format.date(occurredAt)} with ${carrier}.`),
    paragraph(`Follow the parcel on ${carrier}’s website with the tracking number ${trackingNumber}.`),
    orderFacts(order, format, [
      { label: 'Shipped on', value: format.date(occurredAt) },
      { label: 'Carrier', value: carrier },
      { label: 'Tracking number', value: trackingNumber },
    ]),
    viewOrder(shop, order),
  ],
})
