import { randomUUID } from 'node:crypto'

// A random v4 id: node:crypto hands them out from a buffered pool, far cheaper than a v7 per request.
// Accept an upstream id (load balancer, client) only when it is short and plain, so it is safe to log.
const acceptable = /^[A-Za-z0-9._:-]{8,128}$/

export const requestIdFrom = (incoming: string | undefined): string =>
  incoming && acceptable.test(incoming) ? incoming : randomUUID()
