/** Waits for a freshly started app's demo catalog, and finds pages of it. */

export async function waitForCatalog(url: string) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/v1/catalog/home`, { signal: AbortSignal.timeout(10_000) }).catch(
      () => undefined,
    )
    if (response?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('the catalog did not answer /api/v1/catalog/home with 200 within 120 s')
}

/** The page of the first product a category lists. */
export async function firstProductPath(url: string, category = 'electronics') {
  const response = await fetch(`${url}/api/v1/catalog/products?category=${category}&pageSize=1`)
  if (!response.ok) throw new Error(`the product listing answered ${response.status}`)
  const page = (await response.json()) as { items: { slug: string }[] }
  const slug = page.items[0]?.slug
  if (!slug) throw new Error(`the demo catalog has no ${category} product`)
  return `/products/${slug}`
}

/** Skus a guest can put straight in a cart: demo products sold as themselves, from the whole-catalog listing. */
export async function plainSkus(url: string, count: number): Promise<string[]> {
  const listing = (await (await fetch(`${url}/api/v1/catalog/products?pageSize=48`)).json()) as {
    items: { sku: string | null }[]
  }
  const skus = listing.items.flatMap((item) => (item.sku ? [item.sku] : [])).slice(0, count)
  if (skus.length < count) throw new Error(`the demo catalog has fewer than ${count} products sold as themselves`)
  return skus
}

/** A new guest cart of `lines` demo products, one of each: its cookie as `name=value`. */
export async function guestCartCookie(url: string, lines = 2): Promise<string> {
  let cookie = ''
  for (const sku of await plainSkus(url, lines)) {
    const response = await fetch(`${url}/api/v1/basket/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ sku, quantity: 1 }),
    })
    if (!response.ok) throw new Error(`adding ${sku} to a cart: ${response.status} ${await response.text()}`)
    cookie ||= response.headers.getSetCookie()[0]!.split(';')[0]!
  }
  return cookie
}
