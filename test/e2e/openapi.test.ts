import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { projectRoot } from '#scripts/lib/production-build'

interface Operation {
  'x-access': 'public' | 'signed-in' | 'admin'
  parameters?: { in: string; name: string }[]
  requestBody?: { content: Record<string, { schema?: object }> }
  responses: Record<string, { content?: Record<string, { schema?: object }> }>
}

const API_DIRS = [
  'server/api',
  ...readdirSync(join(projectRoot, 'layers'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((layer) => `layers/${layer.name}/server/api`),
]

/**
 * Every route file under a `server/api`, read from the file system on its own: `[slug]` is a path
 * parameter, `index` names the folder, the suffix is the method. The catch-all that answers 404 for
 * unknown API paths is no route of the API.
 */
/** A WebSocket slice (`ws.ts`, no method): OpenAPI has no words for it, its layer's README does. */
const isWebSocket = (file: string) =>
  !/\.(get|post|put|patch|delete)\.ts$/.test(file) && readFileSync(file, 'utf8').includes('defineWebSocketHandler(')

function routeFiles(): { method: string; path: string; file: string }[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) files.push(path)
    }
  }
  for (const dir of API_DIRS) {
    const absolute = join(projectRoot, dir)
    if (statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) walk(absolute)
  }
  return files
    .filter((file) => !file.includes('[...') && !isWebSocket(file))
    .map((file) => {
      const [, route, method] = /server\/api\/(.+?)\.(get|post|put|patch|delete)\.ts$/.exec(file)!
      const path = `/api/${route!.replace(/(^|\/)index$/, '')}`.replace(/\[([^\]]+)\]/g, '{$1}')
      return { method: method!, path, file: relative(projectRoot, file) }
    })
}

// Commands whose input is the caller's session alone.
const WITHOUT_BODY = new Set(['post /api/v1/identity/logout', 'post /api/v1/identity/confirm-email/resend'])

describe('the OpenAPI document', () => {
  let app: AppProcess
  let dataDir: string
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shop-openapi-'))
    app = await startApp({ DATA_DIR: dataDir })
    document = await (await fetch(`${app.url}/api/openapi.json`)).json()
  })
  afterAll(async () => {
    await app?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator()
    const result = await validator.validate(document)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it.each(routeFiles())('describes $method $path ($file) with its request and response schemas', ({ method, path }) => {
    const operation = document.paths[path]?.[method]
    expect(operation, `${method} ${path} is missing: does its slice export a contract?`).toBeDefined()
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g))
      expect(operation!.parameters).toContainEqual(expect.objectContaining({ in: 'path', name }))
    if (['post', 'put', 'patch'].includes(method) && !WITHOUT_BODY.has(`${method} ${path}`))
      expect(Object.values(operation!.requestBody?.content ?? {}).every((media) => media.schema)).toBe(true)
    const [status, success] = Object.entries(operation!.responses).find(
      ([code]) => code.startsWith('2') || code.startsWith('3'),
    )!
    if (!['204', '302', '303'].includes(status)) expect(success.content?.['application/json']?.schema).toBeDefined()
    for (const [code, refusal] of Object.entries(operation!.responses).filter(([code]) => code >= '400'))
      expect(refusal.content?.['application/problem+json']?.schema, code).toBeDefined()
  })

  it('keeps every route it says needs a sign-in closed to anonymous callers', async () => {
    const guarded = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation['x-access'] !== 'public')
        .map(([method]) => ({ method, path: path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000') })),
    )
    expect(guarded.length).toBeGreaterThan(10)
    for (const { method, path } of guarded) {
      const response = await fetch(`${app.url}${path}`, { method: method.toUpperCase() })
      expect(response.status, `${method} ${path}`).toBe(401)
    }
  })

  it('shows the document as a reference page for developers', async () => {
    const page = await fetch(`${app.url}/developers/api`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('/api/v1/catalog/products/{slug}')
    expect(html).toContain('Sign in with an email address and a password')
  })
})
