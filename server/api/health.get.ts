import { defineEventHandler, setResponseHeader, setResponseStatus } from 'h3'
import { checkHealth } from '../health/health'
import { useInfrastructure } from '../infrastructure'

/** Liveness and dependencies: `{ kind: 'real' | 'embedded', ok }` for sql, mongo, redis and bus; 503 if any is down. */
export default defineEventHandler(async (event) => {
  await useInfrastructure()
  const health = await checkHealth()
  setResponseStatus(event, health.ok ? 200 : 503)
  setResponseHeader(event, 'cache-control', 'no-store')
  return { status: health.ok ? 'ok' : 'degraded', ...health.dependencies }
})
