import { defineNitroPlugin } from 'nitropack/runtime'
import { BASKET_CONTEXT, BasketModule } from '../../contracts'
import { onSignIn } from '#kernel/auth/sign-in'
import { settings } from '#kernel/config/runtime'
import { isHttps } from '#kernel/config/settings'
import { privateJson, registerPersonalRead } from '#kernel/front-lane/front-lane'
import { registerFormRoute } from '#kernel/http/body-rules'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { registerPersonalPart } from '#kernel/personal/parts'
import { registerModule } from '#kernel/modules/registry'
import { createBasket, setBasket, useBasket } from '../basket'
import { mergeGuestCart } from '../features/merge-guest-cart'
import { FORM_PATHS } from '../http/form-posts'
import { forgetGuestCart, guestCartId } from '../http/cart-owner'
import { shoppersBasket } from '../http/shoppers-basket'
import { basketModule } from '../module'

/** The basket's start-up: its carts in Redis, its module for ordering, and a guest's cart joining the customer's on sign-in. */
export default defineNitroPlugin(() => {
  const log = rootLogger.child({ module: BASKET_CONTEXT })
  for (const path of FORM_PATHS) registerFormRoute(path)
  const basket = (async () =>
    createBasket(await useInfrastructure(), { secureCookies: isHttps(settings().publicUrl) }, log))()
  basket.catch((error: unknown) => {
    log.fatal({ err: error }, 'the basket could not start')
    process.exit(1)
  })
  setBasket(basket)
  registerModule(BasketModule, basketModule(basket))
  // The header's badge: how many items the cart holds.
  registerPersonalPart(BASKET_CONTEXT, async (event) => ({ itemCount: (await shoppersBasket(event)).itemCount }))
  // Read on every visit to the cart and after every change in another tab: answered in front of the app.
  registerPersonalRead('/api/v1/basket', async (event) => privateJson(await shoppersBasket(event)))
  onSignIn(async (event, userId) => {
    const basket = await useBasket()
    const guestId = guestCartId(event, basket)
    if (!guestId) return
    await mergeGuestCart(basket, guestId, userId)
    forgetGuestCart(event, basket)
  })
})
