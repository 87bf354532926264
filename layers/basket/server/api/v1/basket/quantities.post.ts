import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readForm } from '#kernel/http/read-form'
import { useBasket } from '#layers/basket/server/basket'
import { setQuantityForm, setQuantityInput, sku } from '#layers/basket/server/features/basket-input'
import { setQuantity } from '#layers/basket/server/features/set-quantity'
import { cartOwner } from '#layers/basket/server/http/cart-owner'
import { backToCart } from '#layers/basket/server/http/form-posts'
import { afterChange } from '#layers/basket/server/http/respond'

const lineForm = setQuantityForm.extend({ sku })

export const contract = defineContract({
  summary: "Set a line's quantity from the cart page's form",
  description:
    'The cart page without JavaScript, where a form can only post: `sku` and `quantity` (0 removes the line), answered by a 303 to /cart. Programs use PATCH /api/v1/basket/items/{sku}.',
  access: 'public',
  body: setQuantityInput.extend({ sku }),
  form: true,
  status: 303,
  response: null,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const basket = await useBasket()
  const owner = await cartOwner(event, basket)
  const form = await readForm(event, lineForm)
  const changed = form.ok ? await setQuantity(basket, owner.cartId, form.value.sku, form.value.quantity) : form
  return backToCart(event, afterChange(event, basket, owner, changed))
})
