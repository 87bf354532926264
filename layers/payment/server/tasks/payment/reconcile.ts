import { defineTask } from 'nitropack/runtime'
import { reconcile } from '../../features/reconcile'
import { usePayment } from '../../payment'

/** `payment:reconcile`: asks the gateway about payments and refunds its webhooks left unsettled (every five minutes). */
export default defineTask({
  meta: { name: 'payment:reconcile', description: 'Settle payments and refunds the gateway has not told us about' },
  async run() {
    return { result: await reconcile(await usePayment()) }
  },
})
