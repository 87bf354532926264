import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearModules, registerModule, resolveModule } from '#kernel/modules/registry'
import { testJwks } from '#test/support/auth-keys'
import { testServices } from '#test/support/services'
import { CatalogModule } from '#layers/catalog/contracts'
import { catalogModule } from '#layers/catalog/server/module'
import { demoCatalog } from '#layers/catalog/server/seed/demo-catalog'
import { openCatalogStore, type CatalogStore } from '#layers/catalog/test/catalog-store'
import { BasketModule } from '#layers/basket/contracts'
import { createBasket } from '#layers/basket/server/basket'
import { basketModule } from '#layers/basket/server/module'
import { IdentityModule } from '#layers/identity/contracts'
import { parseIdentitySettings } from '#layers/identity/server/config/identity-settings'
import { createIdentity, type Identity } from '#layers/identity/server/identity'
import { identityModule } from '#layers/identity/server/module'

const services = testServices()
const demo = demoCatalog()
const withVariants = demo.products.find((product) => product.status === 'active' && product.variants.length > 1)!
const plain = demo.products.find((product) => product.status === 'active' && product.variants.length === 0)!
const archived = demo.products.find((product) => product.status === 'archived')!

/**
 * Modules call each other only through the interfaces in their contracts: each composition root
 * registers its implementation, and another module resolves it by the token of the same name.
 */
describe.skipIf(!services.databaseUrl || !services.redisUrl)('module interfaces, resolved through the registry', () => {
  let store: CatalogStore
  let identity: Identity

  beforeAll(async () => {
    store = await openCatalogStore('modules')
    identity = await createIdentity(
      { sql: store.sql, redis: store.redis },
      { publicUrl: 'https://shop.test', dataDir: '', databaseUrl: services.databaseUrl },
      parseIdentitySettings({ authJwks: await testJwks(), passwordHashConcurrency: 1 }),
      pino({ level: 'silent' }),
    )
    // What the two plugins do at start-up.
    registerModule(CatalogModule, catalogModule(Promise.resolve(store.catalog)))
    registerModule(IdentityModule, identityModule(Promise.resolve(identity)))
    const basket = createBasket({ redis: store.redis }, { secureCookies: true }, pino({ level: 'silent' }))
    registerModule(BasketModule, basketModule(Promise.resolve(basket)))
  })
  afterAll(async () => {
    clearModules()
    await identity?.hasher.close()
    await store?.close()
  })

  it('prices a product and a variant of the demo catalog in one call, in the order asked', async () => {
    const variant = withVariants.variants[1]!
    const catalog = await resolveModule(CatalogModule)
    const priced = await catalog.skus([variant.sku, plain.sku])
    expect(priced).toEqual({
      ok: true,
      value: [
        {
          sku: variant.sku,
          productId: String(withVariants._id),
          slug: withVariants.slug,
          name: withVariants.name,
          variantName: variant.name,
          image: withVariants.images[0],
          price: { amount: withVariants.price + variant.priceModifier, currency: withVariants.currency },
          status: 'active',
          purchasable: true,
        },
        {
          sku: plain.sku,
          productId: String(plain._id),
          slug: plain.slug,
          name: plain.name,
          variantName: null,
          image: plain.images[0],
          price: { amount: plain.price, currency: plain.currency },
          status: 'active',
          purchasable: true,
        },
      ],
    })
  })

  it('says which skus cannot be bought: a product sold by its variants, an archived one', async () => {
    const catalog = await resolveModule(CatalogModule)
    const priced = await catalog.skus([withVariants.sku, archived.sku])
    if (!priced.ok) throw new Error(priced.detail)
    expect(priced.value.map(({ status, purchasable }) => ({ status, purchasable }))).toEqual([
      { status: 'active', purchasable: false },
      { status: 'archived', purchasable: false },
    ])
  })

  it('refuses an unknown sku with a typed refusal naming it, and a malformed one before reading', async () => {
    const catalog = await resolveModule(CatalogModule)
    expect(await catalog.skus([plain.sku, 'NO-SUCH-SKU'])).toEqual({
      ok: false,
      status: 404,
      detail: 'Some skus are not in the catalog.',
      errors: [{ field: 'skus.1', message: 'no product or variant has the sku NO-SUCH-SKU' }],
    })
    expect(await catalog.skus(['lower-case'])).toMatchObject({
      ok: false,
      status: 400,
      errors: [{ field: 'skus.0', message: 'is not a sku' }],
    })
  })

  it('finds a user by id, and nobody for an unknown or malformed id', async () => {
    const id = crypto.randomUUID()
    await identity.users.insert({
      id,
      email: `module-${id}@example.com`,
      passwordHash: null,
      firstName: 'Mo',
      lastName: 'Dule',
    })
    const users = await resolveModule(IdentityModule)
    expect(await users.getUser(id)).toMatchObject({ id, email: `module-${id}@example.com`, firstName: 'Mo' })
    expect(await users.getUser(crypto.randomUUID())).toBeUndefined()
    expect(await users.getUser('not-a-uuid')).toBeUndefined()
  })

  it("gives ordering a customer's basket priced now, leaving what cannot be bought out of the totals, and takes a paid order's lines out", async () => {
    const userId = crypto.randomUUID()
    const variant = withVariants.variants[0]!
    // Lines as the basket keeps them: the archived product was added before it was archived.
    await store.redis.client.hset(`cart:${userId}`, {
      [variant.sku]: `2|${withVariants.price + variant.priceModifier}|${withVariants.currency}|1`,
      [plain.sku]: `1|1|${plain.currency}|2`,
      [archived.sku]: `1|${archived.price}|${archived.currency}|3`,
    })
    const baskets = await resolveModule(BasketModule)
    const basket = await baskets.getBasket(userId)
    const variantPrice = withVariants.price + variant.priceModifier
    expect(
      basket.lines.map(({ sku, quantity, priceChanged, available }) => ({ sku, quantity, priceChanged, available })),
    ).toEqual([
      { sku: variant.sku, quantity: 2, priceChanged: false, available: true },
      { sku: plain.sku, quantity: 1, priceChanged: plain.price !== 1, available: true },
      { sku: archived.sku, quantity: 1, priceChanged: false, available: false },
    ])
    expect(basket.itemCount).toBe(3)
    expect(basket.totals).toEqual([{ amount: variantPrice * 2 + plain.price, currency: plain.currency }])

    await baskets.removeOrdered(userId, crypto.randomUUID(), [
      { sku: variant.sku, quantity: 2 },
      { sku: plain.sku, quantity: 1 },
      { sku: archived.sku, quantity: 1 },
    ])
    expect(await baskets.getBasket(userId)).toEqual({ lines: [], itemCount: 0, totals: [] })
  })
})
