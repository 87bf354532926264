import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import { BASKET, demoSkus, startBasketApp, type BasketApp } from './basket-app'

const services = testServices()

/**
 * Catalog pages are the same for everyone (ADR 0012): a signed-in shopper with a cart gets the
 * cached copy, with nothing of theirs in it, and the browser asks /api/v1/session for what is
 * personal. The cart page is theirs: rendered each time and kept by no cache.
 */
describe.skipIf(!services.databaseUrl || !services.redisUrl)('shared pages and personal ones', () => {
  let app: BasketApp
  beforeAll(async () => {
    app = await startBasketApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  async function signedInShopperWithCart() {
    const shopper = client(app, { browser: true })
    const { plain } = await demoSkus(app)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plain[0]!.sku, quantity: 2 } })
    const firstName = `Zelda${Date.now().toString(36)}`
    const registered = await shopper.request('POST', '/api/v1/identity/register', {
      body: { email: `${firstName}@example.com`, password: 'a perfectly fine passphrase', firstName },
    })
    expect(registered.status).toBe(201)
    return { shopper, firstName, product: plain[0]!, csrf: shopper.csrfCookie()! }
  }

  it('answers a catalog page from the page cache for a signed-in shopper with a cart, with nothing personal in it', async () => {
    const { shopper, firstName, product, csrf } = await signedInShopperWithCart()
    // A guest's cart cookie too, as a shopper who has not signed in on this browser would have.
    const cookies = `${[...shopper.jar].map(([name, value]) => `${name}=${value}`).join('; ')}; __Host-shop-cart=AAAAAAAAAAAAAAAAAAAAAA`
    const page = (path: string) => fetch(`${app.url}${path}`, { headers: { accept: 'text/html', cookie: cookies } })
    const path = `/products/${product.slug}`
    await page(path)
    const cached = await page(path)
    expect(cached.status).toBe(200)
    expect(cached.headers.get('x-page-cache')).toBe('hit')
    expect(cached.headers.getSetCookie()).toEqual([])
    const html = await cached.text()
    expect(html).toContain(product.slug)
    expect(html).not.toContain(firstName)
    expect(html).not.toContain(csrf)
    expect(html).not.toContain(product.sku + '","quantity') // no cart lines in the payload
    expect(html).not.toContain('class="cart-link__count"') // no badge: the count comes after loading

    // The one small request the page makes once loaded: who is signed in, the CSRF token, the count.
    const personal = await shopper.request('GET', '/api/v1/session')
    expect(personal.headers.get('cache-control')).toBe('private, no-store')
    expect(await personal.json()).toMatchObject({
      identity: { user: { firstName }, csrfToken: csrf },
      basket: { itemCount: 2 },
    })
  })

  it('tells a visitor without cookies that nobody is signed in, the cart is empty and nothing is unread', async () => {
    const response = await fetch(`${app.url}/api/v1/session`)
    expect(response.headers.getSetCookie()).toEqual([])
    expect(await response.json()).toEqual({
      identity: { user: null, csrfToken: null },
      basket: { itemCount: 0 },
      notification: { unread: 0 },
    })
  })

  it('renders the cart page for its shopper every time, and lets no cache keep it', async () => {
    const { shopper, firstName, product } = await signedInShopperWithCart()
    const cookie = [...shopper.jar].map(([name, value]) => `${name}=${value}`).join('; ')
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${app.url}/cart`, { headers: { accept: 'text/html', cookie } })
      expect(response.status).toBe(200)
      expect(response.headers.get('x-page-cache')).toBeNull()
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      const html = await response.text()
      expect(html).toContain('<meta name="robots" content="noindex">')
      expect(html).toContain(`/products/${product.slug}`)
      expect(html).toContain(firstName) // the header is theirs on first paint
    }
  })
})
