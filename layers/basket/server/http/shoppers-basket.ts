import type { H3Event } from 'h3'
import type { BasketDto } from '../../contracts'
import { useBasket } from '../basket'
import { viewBasket } from '../features/view-basket'
import { cartOwner } from './cart-owner'

/** The cart of whoever asks (a customer's, or a guest's from its cookie), priced now. */
export async function shoppersBasket(event: H3Event): Promise<BasketDto> {
  const basket = await useBasket()
  return viewBasket(basket, (await cartOwner(event, basket)).cartId)
}
