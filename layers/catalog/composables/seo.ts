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
 * Title, description, Open Graph, canonical link and JSON-LD of a page. `seo` gets the site origin
 * for the absolute URLs structured data needs. The server renders a page once, so it hands unhead
 * plain values; the browser follows `seo` as the page's data changes.
 */
export function useCatalogSeo(seo: (origin: string) => PageSeo) {
  const origin = useSiteOrigin()
  if (import.meta.server) useHead(headOf(seo(origin), origin))
  else useHead(computed(() => headOf(seo(origin), origin)))
}

function headOf(page: PageSeo, origin: string) {
  const url = absoluteUrl(origin, page.path)
  const image = page.image ? absoluteUrl(origin, page.image) : undefined
  return {
    title: page.title,
    meta: [
      { key: 'description', name: 'description', content: page.description },
      { key: 'og:title', property: 'og:title', content: page.title },
      { key: 'og:description', property: 'og:description', content: page.description },
      { key: 'og:url', property: 'og:url', content: url },
      // Open Graph's own vocabulary: a product page announces "product", which useSeoMeta lacks.
      { key: 'og:type', property: 'og:type', content: page.type ?? 'website' },
      ...(image ? [{ key: 'og:image', property: 'og:image', content: image }] : []),
    ],
    link: [{ key: 'canonical', rel: 'canonical', href: url }],
    script: (page.structured ?? []).map((data, index) => ({
      key: `ld-json-${index}`,
      type: 'application/ld+json',
      innerHTML: jsonLd(data),
    })),
  }
}
