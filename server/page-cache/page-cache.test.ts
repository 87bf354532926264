import { describe, expect, it } from 'vitest'
import { ALL_PAGES, createPageStore, pageKey } from './page-cache'

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
    const page = (tags: string[]) => ({ parts: ['<p>x</p>'], storedAt: 0, tags })
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
})
