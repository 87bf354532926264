import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, type Client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import { MAX_LINE_QUANTITY, type BasketDto } from '../contracts'
import { BASKET, demoSkus, startBasketApp, type BasketApp } from './basket-app'

const services = testServices()
const IDENTITY = '/api/v1/identity'
const GUEST_COOKIE = '__Host-shop-cart'
let accounts = 0
const newAccount = () => ({
  email: `basket-${Date.now().toString(36)}-${++accounts}@example.com`,
  password: 'a perfectly fine passphrase',
  firstName: 'Grace',
})

const lines = (basket: BasketDto) => Object.fromEntries(basket.lines.map((line) => [line.sku, line.quantity]))
const basketOf = async (shopper: Client, bearer?: string) =>
  (await (await shopper.request('GET', BASKET, bearer ? { bearer } : {})).json()) as BasketDto

describe.skipIf(!services.databaseUrl || !services.redisUrl)('a guest cart joining the customer’s on sign-in', () => {
  let app: BasketApp
  let redis: Redis
  let sku: (index: number) => string
  const add = (shopper: Client, index: number, quantity: number) =>
    shopper.request('POST', `${BASKET}/items`, { body: { sku: sku(index), quantity } })

  /** An account with a cart of its own, and a bearer token for it (a second device). */
  async function customerWithCart(items: [number, number][]) {
    const account = newAccount()
    const device = client(app)
    const registered = await device.request('POST', `${IDENTITY}/register`, { body: account })
    expect(registered.status).toBe(201)
    const { accessToken } = (await registered.json()) as { accessToken: string }
    for (const [index, quantity] of items)
      await device.request('POST', `${BASKET}/items`, { bearer: accessToken, body: { sku: sku(index), quantity } })
    return { account, device, accessToken }
  }

  const signIn = (shopper: Client, account: { email: string; password: string }) =>
    shopper.request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: account.password } })

  beforeAll(async () => {
    app = await startBasketApp()
    redis = new Redis(services.redisUrl!, { keyPrefix: services.redisKeyPrefix })
    const demo = await demoSkus(app)
    sku = (index) => demo.plain[index]!.sku
  })
  afterAll(async () => {
    redis?.disconnect()
    await app?.close()
  })

  it('adds the guest’s quantities to the customer’s, caps them, and removes the guest cart and its cookie', async () => {
    const customer = await customerWithCart([[0, 98]])
    const guest = client(app, { browser: true })
    await add(guest, 0, 5)
    await add(guest, 1, 2)
    const guestId = guest.jar.get(GUEST_COOKIE)!

    const signedIn = await signIn(guest, customer.account)
    expect(signedIn.status).toBe(200)
    expect(signedIn.headers.getSetCookie().find((line) => line.startsWith(`${GUEST_COOKIE}=`))).toMatch(/Max-Age=0/i)
    expect(guest.jar.has(GUEST_COOKIE)).toBe(false)
    expect(await redis.exists(`cart:${guestId}`)).toBe(0)

    expect(lines(await basketOf(guest))).toEqual({ [sku(0)]: MAX_LINE_QUANTITY, [sku(1)]: 2 })
    // Signing in on a second device shows the same cart.
    expect(lines(await basketOf(customer.device, customer.accessToken))).toEqual(lines(await basketOf(guest)))
  })

  it('gives a guest who creates an account their cart', async () => {
    const guest = client(app, { browser: true })
    await add(guest, 2, 3)
    const registered = await guest.request('POST', `${IDENTITY}/register`, { body: newAccount() })
    expect(registered.status).toBe(201)
    expect(guest.jar.has(GUEST_COOKIE)).toBe(false)
    expect(lines(await basketOf(guest))).toEqual({ [sku(2)]: 3 })
  })

  it('neither loses nor doubles a line when two tabs sign in at once', async () => {
    const customer = await customerWithCart([[0, 1]])
    const guest = client(app, { browser: true })
    await add(guest, 0, 2)
    await add(guest, 1, 1)
    const tabs = await Promise.all([signIn(guest, customer.account), signIn(guest, customer.account)])
    expect(tabs.map((response) => response.status)).toEqual([200, 200])
    expect(lines(await basketOf(customer.device, customer.accessToken))).toEqual({ [sku(0)]: 3, [sku(1)]: 1 })
  })

  it('asks a signed-in browser for its CSRF token, and a bearer client for none', async () => {
    const customer = await customerWithCart([])
    const shopper = client(app, { browser: true })
    await signIn(shopper, customer.account)
    const forged = await shopper.request('POST', `${BASKET}/items`, {
      body: { sku: sku(0), quantity: 1 },
      headers: { 'x-csrf-token': 'not the token' },
    })
    expect(forged.status).toBe(403)
    expect(lines(await basketOf(shopper))).toEqual({})
    expect((await add(shopper, 0, 1)).status).toBe(200) // the client echoes the CSRF cookie
    const crossSite = await shopper.request('POST', `${BASKET}/items`, {
      body: { sku: sku(1), quantity: 1 },
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const api = await client(app).request('POST', `${BASKET}/items`, {
      bearer: customer.accessToken,
      body: { sku: sku(1), quantity: 1 },
    })
    expect(api.status).toBe(200)
    expect(lines(await basketOf(shopper))).toEqual({ [sku(0)]: 1, [sku(1)]: 1 })
  })
})
