import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { basketDto } from '#layers/basket/contracts/api'
import { useBasket } from '#layers/basket/server/basket'
import { setQuantityInput, skuParams } from '#layers/basket/server/features/basket-input'
import { setQuantity } from '#layers/basket/server/features/set-quantity'
import { cartOwner } from '#layers/basket/server/http/cart-owner'
import { afterChange } from '#layers/basket/server/http/respond'

export const contract = defineContract({
  summary: "Set a line's quantity",
  description: 'From 0 (which removes the line) to 99. A sku that is not in the cart is a 404.',
  access: 'public',
  params: skuParams,
  body: setQuantityInput,
  response: basketDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const basket = await useBasket()
  const owner = await cartOwner(event, basket)
  const { sku } = readParams(event, contract.params)
  const { quantity } = await readJson(event, contract.body)
  const changed = await setQuantity(basket, owner.cartId, sku, quantity)
  return valueOrProblem(event, afterChange(event, basket, owner, changed))
})
