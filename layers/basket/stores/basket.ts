import { defineStore } from 'pinia'
import { csrfTokenFrom } from '#layers/identity/contracts'
import type { BasketDto } from '../contracts'

const API = '/api/v1/basket'

/** A basket call from the shop's pages: the session's cookies, and its CSRF token once signed in. */
function request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path = '', body?: object): Promise<BasketDto | null> {
  const csrf = import.meta.client ? csrfTokenFrom(document.cookie) : undefined
  return $fetch<BasketDto | null>(`${API}${path}`, { method, body, headers: csrf ? { 'x-csrf-token': csrf } : {} })
}

/**
 * The shopper's cart for the pages: the header's badge, the drawer and the cart page. The badge's
 * count arrives with the page's personal part (`/api/v1/session`); the lines when a page needs them.
 */
export const useBasketStore = defineStore('basket', {
  state: () => ({
    basket: null as BasketDto | null,
    itemCount: 0,
    /** The drawer opens after an item is added. */
    drawerOpen: false,
  }),
  actions: {
    show(basket: BasketDto) {
      this.basket = basket
      this.itemCount = basket.itemCount
    },
    async load() {
      this.show((await request('GET'))!)
    },
    async add(sku: string, quantity = 1) {
      this.show((await request('POST', '/items', { sku, quantity }))!)
      this.drawerOpen = true
    },
    async setQuantity(sku: string, quantity: number) {
      this.show((await request('PATCH', `/items/${encodeURIComponent(sku)}`, { quantity }))!)
    },
    remove(sku: string) {
      return this.setQuantity(sku, 0)
    },
  },
})
