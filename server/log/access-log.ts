import { rootLogger } from './logger'

/** One access-log line per answered request, at info. */
export function logRequest(line: {
  requestId: string
  method: string
  path: string
  status: number
  startedAt: number
}) {
  // Checked first: most production runs log at warn, and this runs for every request.
  if (!rootLogger.isLevelEnabled('info')) return
  const { startedAt, ...fields } = line
  rootLogger.info({ ...fields, ms: Math.round((performance.now() - startedAt) * 10) / 10 }, 'request')
}
