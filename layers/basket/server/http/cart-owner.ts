import { randomBytes } from 'node:crypto'
import { deleteCookie, getCookie, setCookie, type H3Event } from 'h3'
import { currentUser } from '#kernel/auth/guard'
import { CART_TTL_SECONDS } from '../../contracts'
import type { Basket } from '../basket'

/** 128 random bits, base64url: never the shape of a user id, so a cookie cannot name a customer's cart. */
const GUEST_ID = /^[A-Za-z0-9_-]{22}$/

const cookieName = (basket: Basket) => (basket.secureCookies ? '__Host-shop-cart' : 'shop-cart')

/** Whose cart a request is about: the signed-in customer's, or a guest's from its cookie. */
export interface CartOwner {
  /** The cart's id; undefined for a guest who has none yet. */
  cartId: string | undefined
  guest: boolean
}

/** The guest's cart id from its cookie, when it holds one. */
export function guestCartId(event: H3Event, basket: Basket): string | undefined {
  const id = getCookie(event, cookieName(basket))
  return id && GUEST_ID.test(id) ? id : undefined
}

export async function cartOwner(event: H3Event, basket: Basket): Promise<CartOwner> {
  const user = await currentUser(event)
  return user ? { cartId: user.userId, guest: false } : { cartId: guestCartId(event, basket), guest: true }
}

/** A guest's new cart id: the cookie is only set once something is in it (`keepGuestCart`). */
export const newGuestCartId = () => randomBytes(16).toString('base64url')

/** The guest's cookie, set or renewed with each change, so it lasts as long as the cart does. */
export function keepGuestCart(event: H3Event, basket: Basket, cartId: string) {
  setCookie(event, cookieName(basket), cartId, {
    path: '/',
    httpOnly: true,
    secure: basket.secureCookies,
    // Lax: a shopper following a link here still has their cart; changes need the same-site checks.
    sameSite: 'lax',
    maxAge: CART_TTL_SECONDS,
  })
}

export function forgetGuestCart(event: H3Event, basket: Basket) {
  deleteCookie(event, cookieName(basket), { path: '/', secure: basket.secureCookies, sameSite: 'lax' })
}
