import { defineEventHandler, setResponseHeader, setResponseStatus } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { useBasket } from '#layers/basket/server/basket'
import { cartOwner, forgetGuestCart } from '#layers/basket/server/http/cart-owner'

export const contract = defineContract({
  summary: 'Empty the cart',
  description: "A guest's cart cookie goes with it.",
  access: 'public',
  status: 204,
  response: null,
})

export default defineEventHandler(async (event) => {
  const basket = await useBasket()
  const owner = await cartOwner(event, basket)
  if (owner.cartId) await basket.carts.clear(owner.cartId)
  if (owner.guest) forgetGuestCart(event, basket)
  setResponseHeader(event, 'cache-control', 'private, no-store')
  setResponseStatus(event, 204)
  return null
})
