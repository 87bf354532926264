import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  imports: Record<string, string>
  scripts: Record<string, string>
}

/** The folders `npm run lint:boundaries` checks: this test checks the same ones, read from the script. */
const checked = packageJson.scripts['lint:boundaries']!.split(' ').slice(3)

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

/** Runs the project's dependency rules over a tree and returns what they reject. */
async function violationsIn(cwd: string): Promise<Violation[]> {
  const args = ['--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', ...checked]
  // The report names every module cruised, packages included: more than execFile's default 1 MiB.
  const { stdout } = await run(join(root, 'node_modules/.bin/depcruise'), args, {
    cwd,
    maxBuffer: 256 * 2 ** 20,
  }).catch(
    (error: { stdout: string }) => error, // depcruise exits non-zero when it finds violations
  )
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations
}

// Files the violations below import, which break no rule themselves.
const support: Record<string, string> = {
  'layers/identity/contracts/index.ts': `export const IDENTITY_CONTEXT = 'identity'\n`,
  'layers/identity/server/users.ts': `export const findUser = () => undefined\n`,
  'layers/basket/server/cart.ts': `export const cart = 1\n`,
  'layers/basket/composables/format.ts': `export const format = (n: number) => String(n)\n`,
  'server/log.ts': `export const log = () => undefined\n`,
  // Allowed: a layer using another's contracts; domain code using zod, contracts and its own domain.
  'layers/basket/server/allowed.ts': `import { IDENTITY_CONTEXT } from '#layers/identity/contracts'\nexport const a = IDENTITY_CONTEXT\n`,
  'layers/basket/server/domain/money.ts': `export const cents = 100\n`,
  'layers/basket/server/domain/allowed.ts': [
    `import { z } from 'zod'`,
    `import { IDENTITY_CONTEXT } from '#layers/identity/contracts'`,
    `import { cents } from './money'`,
    `export const allowed = [z.string(), IDENTITY_CONTEXT, cents]\n`,
  ].join('\n'),
}

/** One deliberate violation per rule: the files that make it, and what the rules must say. */
const violations: { rule: string; files: Record<string, string>; from?: string[] }[] = [
  {
    rule: 'no-unresolvable',
    files: {
      'layers/basket/server/typo.ts': `import { findUser } from '#layers/identity/server/userz'\nexport const t = findUser\n`,
    },
  },
  {
    rule: 'layer-imports-only-contracts',
    files: {
      'layers/basket/server/by-alias.ts': `import { findUser } from '#layers/identity/server/users'\nexport const b = findUser\n`,
      'layers/basket/server/by-path.ts': `import { findUser } from '../../identity/server/users'\nexport const c = findUser\n`,
    },
  },
  {
    rule: 'contracts-stay-pure',
    files: { 'layers/basket/contracts/index.ts': `import { createError } from 'h3'\nexport const e = createError\n` },
  },
  {
    rule: 'kernel-contracts-stay-pure',
    files: { 'server/contracts/result.ts': `import { log } from '../log'\nexport const l = log\n` },
  },
  {
    rule: 'kernel-knows-no-layer',
    files: {
      'server/kernel.ts': `import { IDENTITY_CONTEXT } from '../layers/identity/contracts'\nexport const d = IDENTITY_CONTEXT\n`,
    },
  },
  {
    rule: 'app-never-imports-server',
    files: {
      'layers/basket/pages/cart.vue': `<script setup lang="ts">\nimport { cart } from '../server/cart'\n</script>\n<template><p>{{ cart }}</p></template>\n`,
    },
  },
  {
    rule: 'server-never-imports-app',
    files: {
      'layers/basket/server/total.ts': `import { format } from '../composables/format'\nexport const total = format(1)\n`,
    },
  },
  {
    rule: 'shared-is-neutral',
    files: { 'layers/basket/shared/limits.ts': `import { cart } from '../server/cart'\nexport const limit = cart\n` },
  },
  {
    rule: 'domain-is-plain',
    files: { 'layers/basket/server/domain/rules.ts': `import { sql } from 'kysely'\nexport const rule = sql\n` },
  },
  {
    rule: 'packages-stand-alone',
    files: { 'packages/lib/src/index.ts': `import { log } from '../../../server/log'\nexport const p = log\n` },
  },
  {
    rule: 'no-circular',
    from: ['server/a.ts'], // a cycle is reported once, where the cruise entered it
    files: {
      'server/a.ts': `import { b } from './b'\nexport const a = () => b\n`,
      'server/b.ts': `import { a } from './a'\nexport const b = () => a\n`,
    },
  },
]

describe('layer boundaries', () => {
  let fixture: string

  beforeAll(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'shop-boundaries-'))
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ type: 'module', imports: packageJson.imports }),
      'tsconfig.depcruise.json': JSON.stringify({ compilerOptions: { baseUrl: '.' } }),
      ...support,
      ...Object.assign({}, ...violations.map((violation) => violation.files)),
    }
    // Every checked folder exists, so the fixture runs with exactly the lint's arguments.
    for (const path of checked)
      if (!Object.keys(files).some((file) => file === path || file.startsWith(`${path}/`)))
        files[extname(path) ? path : `${path}/placeholder.ts`] = extname(path) === '.vue' ? '<template />\n' : ''
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(fixture, path)), { recursive: true })
      await writeFile(join(fixture, path), content)
    }
    await symlink(join(root, 'node_modules'), join(fixture, 'node_modules'))
  })
  afterAll(() => rm(fixture, { recursive: true, force: true }))

  it('fails the lint on each deliberate violation, and on nothing else', async () => {
    const found = (await violationsIn(fixture)).map((v) => [v.rule.name, v.from]).sort()
    const expected = violations
      .flatMap(({ rule, files, from }) => (from ?? Object.keys(files)).map((file) => [rule, file]))
      .sort()
    expect(found).toEqual(expected)
  })

  it('finds no violation in the project itself', async () => {
    expect(await violationsIn(root)).toEqual([])
  })
})
