import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ALL_PAGES, cachedPage, createPageStore, gzippedWithFreshNonce, pageKey, withFreshNonce } from './page-cache'

describe('page cache', () => {
  it.each([
    ['/categories/shirts', 'size=M&color=Red', '/categories/shirts?color=Red&size=M'],
    ['/categories/shirts', 'color=Red&size=M&utm_source=news&gclid=x', '/categories/shirts?color=Red&size=M'],
    ['/products/lamp', '', '/products/lamp'],
    ['/products/lamp', 'fbclid=abc', '/products/lamp'],
  ])('keys %s?%s as %s', (path, search, key) => {
    expect(pageKey(path, search)).toBe(key)
  })

  it('purges the pages carrying a tag, or every page', () => {
    const store = createPageStore()
    const page = (tags: string[]) => cachedPage('<p>x</p>', 'n0nce', tags, 0)
    store.set('/products/a', page(['product:a']))
    store.set('/products/b', page(['product:b']))
    store.set('/', page(['listings']))
    store.purge(['product:a', 'listings'])
    expect([store.get('/products/a'), store.get('/products/b'), store.get('/')]).toEqual([
      undefined,
      page(['product:b']),
      undefined,
    ])
    store.purge([ALL_PAGES])
    expect(store.get('/products/b')).toBeUndefined()
  })

  it('answers each copy with its own nonce where the rendered one was, leaving the kept page as it was', () => {
    const rendered = '<script nonce="aaaa">x</script><p>café</p><link nonce="aaaa">'
    const page = cachedPage(rendered, 'aaaa', [])
    expect(page.nonceOffsets).toHaveLength(2)
    expect(withFreshNonce(page, 'bbbb').toString()).toBe(rendered.replaceAll('aaaa', 'bbbb'))
    expect(withFreshNonce(page, 'cccc').toString()).toBe(rendered.replaceAll('aaaa', 'cccc'))
    expect(page.html.toString()).toBe(rendered)
  })
})

describe('a cached page kept gzipped', () => {
  it('gunzips to exactly the page with a fresh nonce, for any nonce', () => {
    const nonce = 'a'.repeat(32)
    const rendered = `<!doctype html><script nonce="${nonce}">x</script>${'<p>Zoë’s café 🌷</p>'.repeat(300)}<link nonce="${nonce}">`
    const page = cachedPage(rendered, nonce, [])
    for (const fresh of ['b'.repeat(32), '0123456789abcdef0123456789abcdef'])
      expect(gunzipSync(gzippedWithFreshNonce(page, fresh)).equals(withFreshNonce(page, fresh))).toBe(true)
    expect(gzippedWithFreshNonce(page, 'c'.repeat(32)).length).toBeLessThan(page.html.length / 5)
  })

  it('also when the page has no nonce, or starts with one', () => {
    for (const rendered of ['<p>plain</p>', 'nnnn<p>first</p>']) {
      const page = cachedPage(rendered, 'nnnn', [])
      expect(gunzipSync(gzippedWithFreshNonce(page, 'mmmm')).toString()).toBe(rendered.replace('nnnn', 'mmmm'))
    }
  })
})
