import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvent } from 'h3'
import { answerInFront, privateJson, registerFrontRead, registerPersonalRead } from './front-lane'

describe('the front lane', () => {
  let server: Server
  let url: string
  const security = ['x-content-type-options', 'nosniff']
  const large = { items: Array.from({ length: 200 }, (_, i) => ({ name: `Product ${i}`, price: i * 100 })) }

  beforeAll(async () => {
    registerFrontRead('/hot/', (path, search) =>
      path === '/hot/kept'
        ? { headers: ['content-type', 'text/plain; charset=utf-8', 'x-search', search], body: 'kept café' }
        : path === '/hot/large'
          ? { headers: ['content-type', 'application/json', 'vary', 'origin'], body: JSON.stringify(large) }
          : undefined,
    )
    registerPersonalRead('/mine', async (event) =>
      event.node.req.headers.cookie === 'cart=abc' ? privateJson({ cart: 'abc' }) : undefined,
    )
    registerPersonalRead('/broken', () => Promise.reject(new Error('the store is down')))
    server = createServer(async (request, response) => {
      const event = createEvent(request, response)
      if (!(await answerInFront(request, response, () => security, event))) response.end('from the app')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('answers what a read holds, with a request id, the security headers and an exact length', async () => {
    const response = await fetch(`${url}/hot/kept?b=2`)
    expect(await response.text()).toBe('kept café')
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('kept café')))
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-search')).toBe('b=2')
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const traced = await fetch(`${url}/hot/kept`, { headers: { 'x-request-id': 'edge-1234abcd' } })
    expect(traced.headers.get('x-request-id')).toBe('edge-1234abcd')
  })

  it('answers HEAD with the headers alone', async () => {
    const response = await fetch(`${url}/hot/kept`, { method: 'HEAD' })
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('kept café')))
    expect(await response.text()).toBe('')
  })

  it('compresses a large answer as the browser takes it, and leaves a small one alone', async () => {
    for (const encoding of ['br', 'gzip']) {
      const response = await fetch(`${url}/hot/large`, { headers: { 'accept-encoding': encoding } })
      expect(response.headers.get('content-encoding')).toBe(encoding)
      expect(response.headers.get('vary')).toBe('origin, accept-encoding')
      expect(await response.json()).toEqual(large)
    }
    const small = await fetch(`${url}/hot/kept`, { headers: { 'accept-encoding': 'br' } })
    expect(small.headers.get('content-encoding')).toBeNull()
  })

  it('answers whatever the cookies: a registered read is the same for everyone (ADR 0012)', async () => {
    const response = await fetch(`${url}/hot/kept`, { headers: { cookie: 'session=x; shop-cart=y' } })
    expect(await response.text()).toBe('kept café')
  })

  it.each([
    ['a miss', '/hot/missing', {}],
    ['a path no read claims', '/cold/kept', {}],
    ['a POST', '/hot/kept', { method: 'POST' }],
  ])('leaves %s to the app', async (_case, path, init: RequestInit) => {
    expect(await (await fetch(`${url}${path}`, init)).text()).toBe('from the app')
  })

  it("answers a personal read's JSON, kept by no cache, and leaves the rest to the app", async () => {
    const mine = await fetch(`${url}/mine`, { headers: { cookie: 'cart=abc' } })
    expect(await mine.json()).toEqual({ cart: 'abc' })
    expect(mine.headers.get('cache-control')).toBe('private, no-store')
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await (await fetch(`${url}/mine`)).text()).toBe('from the app')
    expect(await (await fetch(`${url}/mine`, { method: 'POST', headers: { cookie: 'cart=abc' } })).text()).toBe(
      'from the app',
    )
  })

  it('leaves a request whose personal read failed to the app, which answers it', async () => {
    expect(await (await fetch(`${url}/broken`)).text()).toBe('from the app')
  })
})
