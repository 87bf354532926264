import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { noContentOrProblem } from '#kernel/http/respond'
import { useBasket } from '#layers/basket/server/basket'
import { skuParams } from '#layers/basket/server/features/basket-input'
import { removeItem } from '#layers/basket/server/features/set-quantity'
import { cartOwner } from '#layers/basket/server/http/cart-owner'
import { afterChange } from '#layers/basket/server/http/respond'

export const contract = defineContract({
  summary: 'Take a line out of the cart',
  access: 'public',
  params: skuParams,
  status: 204,
  response: null,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const basket = await useBasket()
  const owner = await cartOwner(event, basket)
  const { sku } = readParams(event, contract.params)
  const removed = await removeItem(basket, owner.cartId, sku)
  return noContentOrProblem(event, afterChange(event, basket, owner, removed))
})
