import { defineEventHandler, setResponseHeader } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { basketDto } from '#layers/basket/contracts/api'
import { useBasket } from '#layers/basket/server/basket'
import { viewBasket } from '#layers/basket/server/features/view-basket'
import { cartOwner } from '#layers/basket/server/http/cart-owner'

export const contract = defineContract({
  summary: "The shopper's cart",
  description:
    "A signed-in customer's cart, or a guest's (its httpOnly cookie); none yet is an empty cart. Every line is priced by the catalog now and says whether that differs from the price seen when it was added; totals are per currency, of the lines that can still be bought.",
  access: 'public',
  response: basketDto,
})

export default defineEventHandler(async (event) => {
  const basket = await useBasket()
  const { cartId } = await cartOwner(event, basket)
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return viewBasket(basket, cartId)
})
