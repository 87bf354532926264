import type { InfrastructureKind } from '../config/settings'

export type Dependency = 'sql' | 'mongo' | 'redis' | 'bus'

export interface DependencyHealth {
  kind: InfrastructureKind
  ok: boolean
  error?: string
}

export interface HealthCheck {
  kind: InfrastructureKind
  probe(): Promise<void>
}

const checks = new Map<Dependency, HealthCheck>()
const PROBE_TIMEOUT_MS = 2_000

/** Each piece of infrastructure registers its probe when it is created. */
export function registerHealthCheck(dependency: Dependency, check: HealthCheck): void {
  checks.set(dependency, check)
}

const withTimeout = (work: Promise<void>, ms: number) =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ])

async function probe(check: HealthCheck): Promise<DependencyHealth> {
  try {
    await withTimeout(check.probe(), PROBE_TIMEOUT_MS)
    return { kind: check.kind, ok: true }
  } catch (error) {
    return { kind: check.kind, ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

export async function checkHealth(): Promise<{
  ok: boolean
  dependencies: Partial<Record<Dependency, DependencyHealth>>
}> {
  const results = await Promise.all([...checks].map(async ([name, check]) => [name, await probe(check)] as const))
  return { ok: results.every(([, health]) => health.ok), dependencies: Object.fromEntries(results) }
}
