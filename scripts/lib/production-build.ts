import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const projectRoot = resolve(import.meta.dirname, '../..')
export const serverEntry = join(projectRoot, '.output/server/index.mjs')

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

/** Builds `root`'s Nitro output unless it is newer than every one of its sources (paths from the project root). */
async function buildUnlessCurrent(root: string, sources: string[]): Promise<void> {
  const stamp = join(root, '.output/nitro.json')
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
  if (builtAt > Math.max(...sources.map((source) => newestChange(join(projectRoot, source))))) return
  await nuxtBuild(root === projectRoot ? [] : [root])
}

/** Builds the production server unless `.output` is newer than every source file. */
export const ensureProductionBuild = () => buildUnlessCurrent(projectRoot, SOURCES)

/**
 * The bare Nuxt app the shop is read against (bench/reference-nuxt): the page Lighthouse scores beside
 * the shop's, and the trivial Redis route the bench pairs cart and signed-in reads with. Rebuilt
 * when it or Nuxt changes.
 */
export const referenceRoot = join(projectRoot, 'bench/reference-nuxt')
export const referenceEntry = join(referenceRoot, '.output/server/index.mjs')

export const ensureReferenceBuild = () =>
  buildUnlessCurrent(referenceRoot, [
    'bench/reference-nuxt/app.vue',
    'bench/reference-nuxt/nuxt.config.ts',
    'bench/reference-nuxt/server/api/redis-round-trip.get.ts',
    'bench/reference-nuxt/server/api/redis-round-trip.post.ts',
    'bench/reference-nuxt/server/lib/redis.ts',
    'package-lock.json',
  ])

async function nuxtBuild(args: string[]): Promise<void> {
  const output: Buffer[] = []
  const child = spawn('npx', ['nuxt', 'build', ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0) throw new Error(`nuxt build failed:\n${Buffer.concat(output).toString()}`)
}
