import { sendRedirect, type H3Event } from 'h3'
import type { Result } from '#kernel/contracts/result'
import { formFailureCode } from '#kernel/http/read-form'

/** The basket slices that also answer the cart's and product pages' forms posted without JavaScript. */
export const FORM_PATHS = ['/api/v1/basket/items', '/api/v1/basket/quantities']

/**
 * A form post is answered by the cart page (303, so the browser asks for it with GET): it shows the
 * cart as the post left it, or says why nothing changed.
 */
export function backToCart(event: H3Event, result: Result<unknown>) {
  return sendRedirect(event, result.ok ? '/cart' : `/cart?error=${formFailureCode(result)}`, 303)
}
