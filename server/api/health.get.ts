import { defineEventHandler, setResponseHeader, setResponseStatus } from 'h3'
import { z } from 'zod'
import { checkHealth } from '../health/health'
import { defineContract } from '../http/contract'
import { useInfrastructure } from '../infrastructure'

const dependency = z.object({ kind: z.enum(['real', 'embedded']), ok: z.boolean(), error: z.string().optional() })

export const contract = defineContract({
  summary: 'Whether the shop and what it depends on are up',
  description:
    'For load balancers: 503 when a dependency is down. Each of sql, mongo, redis and bus says whether it is a real service or the embedded default.',
  access: 'public',
  response: z.object({
    status: z.enum(['ok', 'degraded']),
    sql: dependency,
    mongo: dependency,
    redis: dependency,
    bus: dependency,
  }),
})

export default defineEventHandler(async (event) => {
  await useInfrastructure()
  const health = await checkHealth()
  setResponseStatus(event, health.ok ? 200 : 503)
  setResponseHeader(event, 'cache-control', 'no-store')
  return { status: health.ok ? 'ok' : 'degraded', ...health.dependencies }
})
