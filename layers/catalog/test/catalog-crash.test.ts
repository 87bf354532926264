import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { ownDatabase } from '#test/support/own-database'
import { testServices } from '#test/support/services'
import { startShopApp, type ShopApp } from '#test/support/shop-app'

const services = testServices()

describe.skipIf(!services.databaseUrl || !services.redisUrl)('catalog events across a crash', () => {
  const apps: ShopApp[] = []
  let dataDir: string
  let db = new pg.Client({ connectionString: services.databaseUrl })

  afterAll(async () => {
    for (const app of apps) await app.stop().catch(() => {})
    await db.end().catch(() => {})
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  const events = async (sku: string) =>
    (
      await db.query<{ version: number; processed: boolean }>(
        `select (content->'payload'->>'version')::int as version, processed_on is not null as processed
           from catalog.outbox where content->'payload'->>'sku' = $1 order by occurred_on`,
        [sku],
      )
    ).rows

  it('publishes a change once when the process dies after forwarding its event, before clearing it', async () => {
    await db.connect()
    dataDir = await mkdtemp(join(tmpdir(), 'shop-catalog-crash-'))
    // The demo catalog's products carry their created events: the first start forwards those, so the
    // failpoint below meets only the change this test makes.
    // A database of its own: other apps of this run publish the same demo skus' events.
    const databaseUrl = await ownDatabase('catalog_crash')
    await db.end()
    db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const env = { DATABASE_URL: databaseUrl }
    const seeding = await startShopApp({ dataDir, env })
    apps.push(seeding)
    const listing = (await (await fetch(`${seeding.url}/api/v1/catalog/products?pageSize=1&sort=newest`)).json()) as {
      items: { slug: string }[]
    }
    const demo = (await (await fetch(`${seeding.url}/api/v1/catalog/products/${listing.items[0]!.slug}`)).json()) as {
      sku: string
    }
    await expect.poll(async () => (await events(demo.sku)).at(-1)?.processed, { timeout: 15_000 }).toBe(true)
    await seeding.stop()
    const first = await startShopApp({ dataDir, env: { ...env, SHOP_FAILPOINTS: 'forwarded-before-cleared' } })
    apps.push(first)
    const admin = await first.token('admin')
    const body = {
      sku: 'CRASH-LAMP-1',
      name: 'Crash Test Lamp',
      price: 1_500,
      status: 'active',
      categorySlug: 'laptops',
    }
    // The process may die before it answers: the write was acknowledged by the store either way.
    await fetch(`${first.url}/api/v1/catalog/admin/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(body),
    }).catch(() => undefined)
    await expect.poll(() => first.child.exitCode ?? first.child.signalCode, { timeout: 10_000 }).toBe('SIGKILL')
    expect(await events('CRASH-LAMP-1')).toEqual([{ version: 1, processed: false }])

    // The document still carries the event: the restarted forwarder sends it again, which adds nothing.
    const second = await startShopApp({ dataDir, env })
    apps.push(second)
    await expect.poll(() => events('CRASH-LAMP-1'), { timeout: 15_000 }).toEqual([{ version: 1, processed: true }])
    const product = (await (await fetch(`${second.url}/api/v1/catalog/products/crash-test-lamp`)).json()) as {
      id: string
    }
    const changed = await fetch(`${second.url}/api/v1/catalog/admin/products/${product.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await second.token('admin')}` },
      body: JSON.stringify({ version: 1, price: 1_400 }),
    })
    expect(changed.status).toBe(200)
    await expect
      .poll(() => events('CRASH-LAMP-1'), { timeout: 15_000 })
      .toEqual([
        { version: 1, processed: true },
        { version: 2, processed: true },
      ])
  })
})
