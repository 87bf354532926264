import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { waitForCatalog } from '#scripts/lib/demo-shop'
import { client } from '#test/support/http-client'
import type { BasketDto } from '../contracts'
import { BASKET, demoSkus } from './basket-app'

/** A newcomer's `npm run dev`: no services configured, so Redis is the in-memory one and the scripts run there. */
describe('the basket on the embedded defaults', () => {
  let app: AppProcess
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shop-basket-embedded-'))
    app = await startApp({ DATA_DIR: dataDir })
    await waitForCatalog(app.url)
  })
  afterAll(async () => {
    await app?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('fills a guest cart atomically and hands it to the account the guest creates', async () => {
    const { plain } = await demoSkus(app)
    const guest = client(app, { browser: true })
    const add = (sku: string, quantity: number) => guest.request('POST', `${BASKET}/items`, { body: { sku, quantity } })
    await add(plain[0]!.sku, 1) // starts the cart and sets its cookie
    const adds = await Promise.all(Array.from({ length: 20 }, () => add(plain[0]!.sku, 1)))
    expect(adds.map((response) => response.status)).toEqual(Array(20).fill(200))
    await add(plain[1]!.sku, 2)
    const before = (await (await guest.request('GET', BASKET)).json()) as BasketDto
    expect(before.lines.map((line) => [line.sku, line.quantity])).toEqual([
      [plain[0]!.sku, 21],
      [plain[1]!.sku, 2],
    ])

    const registered = await guest.request('POST', '/api/v1/identity/register', {
      body: { email: 'embedded-basket@example.com', password: 'a perfectly fine passphrase', firstName: 'Ada' },
    })
    expect(registered.status).toBe(201)
    const after = (await (await guest.request('GET', BASKET)).json()) as BasketDto
    expect(after).toEqual(before)
  })
})
