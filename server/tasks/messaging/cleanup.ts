import { defineTask } from 'nitropack/runtime'
import { useInfrastructure } from '../../infrastructure'
import { registeredOutboxes } from '../../messaging/messaging'
import { deleteProcessedOutboxRows } from '../../messaging/relay'

/** `messaging:cleanup`: deletes outbox rows published more than 7 days ago (scheduled daily). */
export default defineTask({
  meta: { name: 'messaging:cleanup', description: 'Delete outbox rows published more than 7 days ago' },
  async run() {
    const { sql } = await useInfrastructure()
    return { result: { deleted: await deleteProcessedOutboxRows(sql, registeredOutboxes()) } }
  },
})
