import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

/** Runs the project's dependency rules over a tree and returns what they reject. */
async function violationsIn(cwd: string, ...paths: string[]): Promise<Violation[]> {
  const args = ['--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', ...paths]
  const { stdout } = await run(join(root, 'node_modules/.bin/depcruise'), args, { cwd }).catch(
    (error: { stdout: string }) => error, // depcruise exits non-zero when it finds violations
  )
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations
}

describe('layer boundaries', () => {
  let fixture: string
  const files: Record<string, string> = {
    'tsconfig.depcruise.json': JSON.stringify({
      compilerOptions: { baseUrl: '.', paths: { '#layers/*': ['layers/*'] } },
    }),
    'layers/identity/contracts/index.ts': `export const IDENTITY_CONTEXT = 'identity'\n`,
    'layers/identity/server/users.ts': `export const findUser = () => undefined\n`,
    'layers/basket/server/allowed.ts': `import { IDENTITY_CONTEXT } from '#layers/identity/contracts'\nexport const a = IDENTITY_CONTEXT\n`,
    'layers/basket/server/by-alias.ts': `import { findUser } from '#layers/identity/server/users'\nexport const b = findUser\n`,
    'layers/basket/server/by-path.ts': `import { findUser } from '../../identity/server/users'\nexport const c = findUser\n`,
    'server/kernel.ts': `import { IDENTITY_CONTEXT } from '../layers/identity/contracts'\nexport const d = IDENTITY_CONTEXT\n`,
  }

  beforeAll(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'shop-boundaries-'))
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(fixture, path)), { recursive: true })
      await writeFile(join(fixture, path), content)
    }
  })
  afterAll(() => rm(fixture, { recursive: true, force: true }))

  it('rejects a layer importing another layer’s internals, by alias or by path, and the kernel importing a layer', async () => {
    const found = (await violationsIn(fixture, 'layers', 'server')).map((v) => [v.rule.name, v.from]).sort()
    expect(found).toEqual([
      ['kernel-knows-no-layer', 'server/kernel.ts'],
      ['layer-imports-only-contracts', 'layers/basket/server/by-alias.ts'],
      ['layer-imports-only-contracts', 'layers/basket/server/by-path.ts'],
    ])
  })

  it('finds no violation in the project itself', async () => {
    expect(await violationsIn(root, 'layers', 'server', 'packages', 'modules')).toEqual([])
  })
})
