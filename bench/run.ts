/**
 * `npm run bench [-- scenario ...]`: measures scenarios against the production build with the
 * configured services, each as a ratio to a bare node:http endpoint measured in the same run.
 * The server runs on one core and this process (the load generator) on the other.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { ensureProductionBuild, projectRoot } from '#scripts/lib/production-build'
import { testJwks } from '#test/support/auth-keys'
import {
  ALL_CPUS,
  BENCH_ADMIN,
  httpLoad,
  LOAD_CPU,
  pinProcess,
  ScenarioSkipped,
  SERVER_CPU,
  type BenchContext,
  type Measurement,
} from './harness'
import { scenarios } from './scenarios'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const requested = process.argv.slice(2).filter((arg) => arg !== '--')
const unknown = requested.filter((name) => !scenarios.some((s) => s.name === name))
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`)
  process.exit(2)
}
// The baseline always runs, and so does any scenario a selected one is measured against.
const wanted = new Set(['baseline', ...(requested.length ? requested : scenarios.map((s) => s.name))])
for (const scenario of scenarios) if (wanted.has(scenario.name) && scenario.reference) wanted.add(scenario.reference)
const selected = scenarios.filter((s) => wanted.has(s.name))

if (!pinProcess(process.pid, LOAD_CPU))
  console.warn('taskset is not available: server and load generator share cores, so ratios are noisier')

await ensureProductionBuild()
// Production refuses to invent signing keys on a real database; a benchmark may use a throwaway key.
const authJwks = process.env.AUTH_JWKS || (await testJwks('bench'))
const apps = new Map<string, Promise<AppProcess>>()
const startOnce = (placement: 'server-core' | 'all-cores') => {
  const started =
    apps.get(placement) ??
    startApp(
      {
        ...process.env,
        // Each instance its own folder: the embedded MongoDB locks its data directory.
        DATA_DIR: join(process.env.DATA_DIR ?? join(projectRoot, '.bench/data'), placement),
        LOG_LEVEL: 'warn',
        AUTH_JWKS: authJwks,
        // The identity scenarios send each request from its own X-Forwarded-For address.
        TRUST_PROXY_HOPS: '1',
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
      },
      // Explicitly every core: children inherit this process's own pinning to the load core.
      { cpu: placement === 'server-core' ? SERVER_CPU : ALL_CPUS },
    )
  apps.set(placement, started)
  return started
}
const context: BenchContext = {
  app: (placement = 'server-core') => startOnce(placement),
  httpLoad: (url, pid, options) => httpLoad(url, pid, seconds, options),
}

const records: {
  name: string
  unit: string
  value: number
  p50Ms: number
  p95Ms?: number
  p99Ms: number
  peakRssMb: number
  baseline: number | null
  ratio: number | null
  at: string
}[] = []
try {
  for (const scenario of selected) {
    process.stdout.write(`running ${scenario.name} (${scenario.description})…\n`)
    const referenceName = scenario.reference === undefined ? 'baseline' : scenario.reference
    // This VM's speed drifts by up to 2× within minutes, so a ratio is taken over ROUNDS rounds,
    // each measuring the reference just before the scenario, and the median round is kept.
    const referenceScenario = selected.find((s) => s.name === referenceName && s !== scenario)
    const rounds: { measured: Measurement; reference: number | null }[] = []
    try {
      for (let round = 0; round < (referenceScenario ? ROUNDS : 1); round++) {
        const paired = referenceScenario && (await referenceScenario.run(context))
        const measured = await scenario.run(context)
        const reference =
          measured.referenceValue ??
          paired?.value ??
          (referenceName === null ? null : referenceName === scenario.name ? measured.value : null)
        rounds.push({ measured, reference })
        // A scenario that pairs its own rounds (page-p99-login-flood) runs once.
        if (measured.referenceValue !== undefined) break
      }
    } catch (error) {
      if (!(error instanceof ScenarioSkipped)) throw error
      console.warn(`  skipped: ${error.message}`)
      continue
    }
    const ratioOf = ({ measured, reference }: (typeof rounds)[number]) =>
      reference === null ? null : Math.round((measured.value / reference) * 1000) / 1000
    if (rounds.length > 1) console.log(`  ratio by round: ${rounds.map(ratioOf).join(' / ')}`)
    const median = [...rounds].sort((a, b) => (ratioOf(a) ?? 0) - (ratioOf(b) ?? 0))[Math.floor(rounds.length / 2)]!
    const { measured, reference } = median
    const { referenceValue: _paired, ...figures } = measured
    records.push({
      name: scenario.name,
      unit: scenario.unit,
      ...figures,
      baseline: reference,
      ratio: ratioOf(median),
      at: new Date().toISOString(),
    })
  }
} finally {
  for (const app of apps.values()) await (await app).stop()
}

console.table(
  records.map(({ name, unit, value, p50Ms, p95Ms, p99Ms, peakRssMb, ratio }) => ({
    name,
    unit,
    value,
    p50Ms,
    p95Ms,
    p99Ms,
    peakRssMb,
    ratio,
  })),
)
mkdirSync(join(projectRoot, '.bench'), { recursive: true })
writeFileSync(join(projectRoot, '.bench/results.json'), `${JSON.stringify(records, null, 2)}\n`)
console.log('written to .bench/results.json')
