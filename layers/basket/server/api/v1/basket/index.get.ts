import { defineEventHandler, setResponseHeader } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { basketDto } from '#layers/basket/contracts/api'
import { shoppersBasket } from '#layers/basket/server/http/shoppers-basket'

export const contract = defineContract({
  summary: "The shopper's cart",
  description:
    "A signed-in customer's cart, or a guest's (its httpOnly cookie); none yet is an empty cart. Every line is priced by the catalog now and says whether that differs from the price seen when it was added; totals are per currency, of the lines that can still be bought.",
  access: 'public',
  response: basketDto,
})

// The front lane answers most of these (plugins/basket.ts, ADR 0013); this route is its reference.
export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return shoppersBasket(event)
})
