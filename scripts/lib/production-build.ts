import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const projectRoot = resolve(import.meta.dirname, '../..')
export const serverEntry = join(projectRoot, '.output/server/index.mjs')
const buildStamp = join(projectRoot, '.output/nitro.json')

const SOURCES = [
  'app.vue',
  'error.vue',
  'nuxt.config.ts',
  'package.json',
  'package-lock.json',
  'assets',
  'components',
  'composables',
  'layers',
  'layouts',
  'modules',
  'packages',
  'pages',
  'server',
  'stores',
]

function newestChange(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))))
}

/** Builds the production server unless `.output` is newer than every source file. */
export async function ensureProductionBuild(): Promise<void> {
  const builtAt = existsSync(buildStamp) ? statSync(buildStamp).mtimeMs : 0
  if (builtAt > Math.max(...SOURCES.map((source) => newestChange(join(projectRoot, source))))) return
  await nuxtBuild([])
}

/** The bare Nuxt page Lighthouse scores beside the shop's (bench/reference-nuxt), built once. */
export const referenceRoot = join(projectRoot, 'bench/reference-nuxt')
export const referenceEntry = join(referenceRoot, '.output/server/index.mjs')

export async function ensureReferenceBuild(): Promise<void> {
  if (existsSync(referenceEntry)) return
  await nuxtBuild([referenceRoot])
}

async function nuxtBuild(args: string[]): Promise<void> {
  const output: Buffer[] = []
  const child = spawn('npx', ['nuxt', 'build', ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0) throw new Error(`nuxt build failed:\n${Buffer.concat(output).toString()}`)
}
