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
