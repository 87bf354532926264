import { defineEventHandler, setResponseHeader } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { placedOrderDto } from '#layers/ordering/contracts/api'
import { placeOrder, placeOrderInput } from '#layers/ordering/server/features/place-order'
import { orderLocation, readIdempotencyKey } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'Place an order from your cart',
  description:
    "The signed-in customer's cart, every line priced by the catalog now, with standard delivery; the order is then processed (stock reserved, payment taken) in the background: poll its `Location` until it is Paid or Cancelled. Send an `Idempotency-Key` header to make retries safe: the same key answers the same order, and the same key with a different body is a 422. An empty cart is a 422; an item no longer sold, or a total other than `expectedTotal`, a 409.",
  access: 'signed-in',
  body: placeOrderInput,
  status: 202,
  response: placedOrderDto,
  refusals: [409, 422],
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const key = readIdempotencyKey(event)
  const input = await readJson(event, contract.body)
  const placed = valueOrProblem(event, await placeOrder(await useOrdering(), userId, input, key), 202)
  setResponseHeader(event, 'location', orderLocation(placed.orderId))
  const { replayed: _replayed, ...order } = placed
  return order
})
