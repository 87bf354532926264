import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { basketDto } from '#layers/basket/contracts/api'
import { useBasket } from '#layers/basket/server/basket'
import { addItem } from '#layers/basket/server/features/add-item'
import { addItemForm, addItemInput } from '#layers/basket/server/features/basket-input'
import { cartOwner, newGuestCartId } from '#layers/basket/server/http/cart-owner'
import { backToCart } from '#layers/basket/server/http/form-posts'
import { afterChange } from '#layers/basket/server/http/respond'

export const contract = defineContract({
  summary: 'Add an item to the cart',
  description:
    "A sku (a product without variants, or a variant) and how many, added to what the line holds, at most 99 a line and 50 lines a cart. A guest's first item starts their cart and sets its cookie. A form posted without JavaScript gets a 303 to /cart.",
  access: 'public',
  body: addItemInput,
  form: true,
  response: basketDto,
  refusals: [404, 409, 422],
})

export default defineEventHandler(async (event) => {
  const basket = await useBasket()
  const owner = await cartOwner(event, basket)
  const cartId = owner.cartId ?? newGuestCartId()
  if (isFormPost(event)) {
    const form = await readForm(event, addItemForm)
    const added = form.ok ? await addItem(basket, cartId, form.value) : form
    return backToCart(event, afterChange(event, basket, owner, added, cartId))
  }
  const input = await readJson(event, contract.body)
  return valueOrProblem(event, afterChange(event, basket, owner, await addItem(basket, cartId, input), cartId))
})
