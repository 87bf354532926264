import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp, createRouter, defineEventHandler, toNodeListener } from 'h3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readJson } from './read-json'
import { sendProblem } from './send-problem'

const LIMIT = 2_048
let server: Server
let base: string

beforeAll(async () => {
  const app = createApp({ onError: (error, event) => sendProblem(event, error) })
  const schema = z.object({ name: z.string().min(1), quantity: z.int().positive() })
  app.use(
    createRouter().post(
      '/items',
      defineEventHandler(async (event) => ({ received: await readJson(event, schema, LIMIT) })),
    ),
  )
  server = createServer(toNodeListener(app))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(resolve))
})

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${base}/items`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)

// A body without a declared length (chunked), so only the streaming limit can stop it.
const chunked = (bytes: number) =>
  new ReadableStream({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 512) controller.enqueue(new TextEncoder().encode('x'.repeat(512)))
      controller.close()
    },
  })

describe('readJson', () => {
  it('returns the parsed, validated body', async () => {
    const response = await post(JSON.stringify({ name: 'Mug', quantity: 2 }))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: { name: 'Mug', quantity: 2 } })
  })

  it.each([
    ['malformed JSON', () => post('{"name": '), 400, 'not valid JSON'],
    [
      'a non-JSON content type',
      () => post('name=Mug', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'must be JSON',
    ],
    ['no content type', () => post('{}', {}), 415, 'must be JSON'],
    ['a declared length over the limit', () => post('x'.repeat(LIMIT + 1)), 413, 'larger than'],
    ['a chunked body over the limit', () => post(chunked(LIMIT * 4)), 413, 'larger than'],
  ])('answers %s with problem+json', async (_case, send, status, detail) => {
    const response = await send()
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).detail).toContain(detail)
  })

  it('lists each invalid field', async () => {
    const response = await post(JSON.stringify({ name: '', quantity: 1.5 }))
    expect(response.status).toBe(400)
    const problem = await response.json()
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'quantity'])
  })
})
