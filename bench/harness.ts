import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import autocannon from 'autocannon'
import type { AppProcess } from '#scripts/lib/app-process'

export interface Measurement {
  value: number
  /** The reference's value, when the scenario measured it itself, paired with its own rounds. */
  referenceValue?: number
  p50Ms: number
  p99Ms: number
  /** Where a target is set at the 95th percentile (checkout's place-to-Paid). */
  p95Ms?: number
  peakRssMb: number
}

export interface BenchContext {
  /**
   * The production app with the configured services, started once per run: on the server core, or
   * on every core for scenarios about how the app shares the machine (hashing reserves cores − 1).
   */
  app(placement?: 'server-core' | 'all-cores'): Promise<AppProcess>
  /** Drives HTTP load from this process (the load-generator core) and reads the server's peak memory. */
  httpLoad(url: string, pid: number, options?: LoadOptions): Promise<Measurement>
}

export interface Scenario {
  name: string
  unit: string
  description: string
  /**
   * The scenario its ratio is divided by (default: the bare node:http baseline); null for a
   * figure that is not a rate (a recovery time), which has no ratio.
   */
  reference?: string | null
  run(context: BenchContext): Promise<Measurement>
}

/** Thrown by a scenario that cannot run with the configured services; the run goes on without it. */
export class ScenarioSkipped extends Error {
  override name = 'ScenarioSkipped'
}

/** Percentile of an ascending-sorted sample (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN

/** The admin every benchmark instance ensures (ADMIN_EMAIL/ADMIN_PASSWORD), for scenarios that write. */
export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench admin passphrase 1' }

/** An access token of the bench admin, for scenarios that set the shop up through its admin API. */
export async function adminToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.1' },
    body: JSON.stringify({ email: BENCH_ADMIN.email, password: BENCH_ADMIN.password }),
  })
  if (!response.ok) throw new Error(`signing in the bench admin: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}

export const SERVER_CPU = 0
export const LOAD_CPU = 1
/** Every core of the machine (this process is pinned to one, so availableParallelism() says 1 here). */
export const ALL_CPUS = `0-${cpus().length - 1}`
export const CORES = cpus().length

/**
 * Pins every thread of a process to `cpus` ("1", "0-1"): false where taskset is missing, which
 * leaves it on every core.
 */
export function pinProcess(pid: number, cpus: string | number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpus), String(pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Peak resident memory of a process (VmHWM), in MiB. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : Number.NaN
}

/** One request of a load, as a scenario may reshape it. */
export interface LoadRequest {
  path: string
  headers: Record<string, string>
  body?: string
}

/** How a scenario's requests are made: GET by default; `each` shapes every request (its path, cookie or body). */
export interface LoadOptions {
  connections?: number
  headers?: Record<string, string>
  method?: 'GET' | 'POST'
  each?: (request: LoadRequest) => LoadRequest
}

export async function httpLoad(
  url: string,
  pid: number,
  seconds: number,
  options: LoadOptions = {},
): Promise<Measurement> {
  const connections = options.connections ?? 32
  const { each } = options
  const shape: Partial<autocannon.Options> = {
    method: options.method ?? 'GET',
    headers: options.headers,
    ...(each
      ? {
          requests: [
            { setupRequest: (request: autocannon.Request) => ({ ...request, ...each(request as LoadRequest) }) },
          ],
        }
      : {}),
  }
  await autocannon({ url, connections, duration: Math.min(3, seconds), ...shape })
  const result = await autocannon({ url, connections, duration: seconds, ...shape })
  if (result.non2xx || result.errors) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`)
  }
  return {
    value: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    peakRssMb: peakRssMb(pid),
  }
}
