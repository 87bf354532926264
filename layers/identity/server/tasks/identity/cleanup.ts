import { defineTask } from 'nitropack/runtime'
import { purgeExpiredTokens } from '../../features/purge-expired'
import { useIdentity } from '../../identity'

/** `identity:cleanup`: deletes refresh and one-time tokens that expired more than a day ago (scheduled daily). */
export default defineTask({
  meta: { name: 'identity:cleanup', description: 'Delete refresh and one-time tokens expired more than a day ago' },
  async run() {
    return { result: await purgeExpiredTokens(await useIdentity()) }
  },
})
