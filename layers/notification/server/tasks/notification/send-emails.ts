import { defineTask } from 'nitropack/runtime'
import { deliverDueEmails } from '../../features/deliver-emails'
import { useNotification } from '../../notification'

/**
 * `notification:send-emails`: sends emails that are due (every 15 seconds). Each process also
 * sends as soon as it queues one; this catches what another process left when it stopped.
 */
export default defineTask({
  meta: { name: 'notification:send-emails', description: 'Send queued emails that are due' },
  async run() {
    return { result: await deliverDueEmails(await useNotification()) }
  },
})
