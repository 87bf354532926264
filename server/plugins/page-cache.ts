import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { useInfrastructure } from '../infrastructure'
import { rootLogger } from '../log/logger'
import { registerFrontRead } from '../front-lane/front-lane'
import { cachedPageRead } from '../page-cache/front-read'
import { cachedPage } from '../page-cache/page-cache'
import { pageStore, setPurger } from '../page-cache/registry'
import { PAGE_CACHE_CONTROL } from '../page-cache/revalidation'

/**
 * Keeps the pages server/middleware/page-cache.ts marks, as they render, serves them from the front
 * lane, and spreads purges to every instance over Redis pub/sub (a purge that got lost costs at
 * most a minute of staleness).
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.dev) return
  registerFrontRead('/', cachedPageRead)
  nitroApp.hooks.hook('render:response', (response, { event }) => {
    const cache = event.context.pageCache
    const nonce = event.context.cspNonce
    if (!cache || !nonce || response.statusCode !== 200 || typeof response.body !== 'string') return
    if (event.node.res.hasHeader('set-cookie')) return
    pageStore.set(cache.key, cachedPage(response.body, nonce, cache.tags))
    response.headers = { ...response.headers, 'cache-control': PAGE_CACHE_CONTROL }
  })

  void useInfrastructure()
    .then(async ({ redis }) => {
      // Channels ignore the client's key prefix, so the prefix is part of the name.
      const channel = `${settings().redisKeyPrefix}page-cache:purge`
      const subscriber = redis.duplicate()
      subscriber.on('message', (_channel: string, message: string) => pageStore.purge(JSON.parse(message) as string[]))
      await subscriber.subscribe(channel)
      setPurger(async (tags) => {
        pageStore.purge(tags)
        await redis.client.publish(channel, JSON.stringify(tags))
      })
      nitroApp.hooks.hook('close', async () => {
        await subscriber.quit().catch(() => subscriber.disconnect())
      })
    })
    .catch((error: unknown) => rootLogger.error({ err: error }, 'page cache purges stay on this instance'))
})
