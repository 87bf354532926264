export interface Crumb {
  name: string
  /** Site-relative, starting with `/`. */
  path: string
}

/**
 * The origin absolute URLs (canonical, og:url, JSON-LD) are built on: PUBLIC_URL while rendering on
 * the server (behind a proxy the request's own host may be an internal name), the page's own in
 * the browser.
 */
export function useSiteOrigin(): string {
  const origin = (import.meta.server && useRequestEvent()?.context.publicUrl) || useRequestURL().origin
  return origin.replace(/\/+$/, '')
}

export const absoluteUrl = (origin: string, path: string) => (/^https?:\/\//.test(path) ? path : `${origin}${path}`)

/** JSON-LD text that is safe inside `<script>`: a `<` in a product's text can never close the tag. */
export const jsonLd = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c')

export const breadcrumbList = (crumbs: Crumb[], origin: string) => ({
  '@context': 'https://schema.org',
  '@type': 'BreadcrumbList',
  itemListElement: crumbs.map((crumb, index) => ({
    '@type': 'ListItem',
    position: index + 1,
    name: crumb.name,
    item: absoluteUrl(origin, crumb.path),
  })),
})

export interface PageSeo {
  title: string
  description: string
  /** The canonical path, also og:url. */
  path: string
  type?: 'website' | 'product'
  /** A site-relative or absolute image URL. */
  image?: string
  /** Structured data objects, each its own `<script type="application/ld+json">`. */
  structured?: object[]
}

/**
 * Title, description, Open Graph, canonical link and JSON-LD of a page, all following `seo` as it
 * changes. `seo` gets the site origin for the absolute URLs structured data needs.
 */
export function useCatalogSeo(seo: (origin: string) => PageSeo) {
  const origin = useSiteOrigin()
  const page = computed(() => seo(origin))
  const url = computed(() => absoluteUrl(origin, page.value.path))
  useSeoMeta({
    title: () => page.value.title,
    description: () => page.value.description,
    ogTitle: () => page.value.title,
    ogDescription: () => page.value.description,
    ogUrl: () => url.value,
    ogImage: () => (page.value.image ? absoluteUrl(origin, page.value.image) : undefined),
  })
  useHead({
    // useSeoMeta's og:type knows no "product", the type a product page should announce.
    meta: [{ key: 'og:type', property: 'og:type', content: () => page.value.type ?? 'website' }],
    link: [{ key: 'canonical', rel: 'canonical', href: url }],
    script: computed(() =>
      (page.value.structured ?? []).map((data, index) => ({
        key: `ld-json-${index}`,
        type: 'application/ld+json',
        innerHTML: jsonLd(data),
      })),
    ),
  })
}
