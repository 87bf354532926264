import { defineTask } from 'nitropack/runtime'
import { cancelOverduePayments } from '../../features/payment-timeouts'
import { useOrdering } from '../../ordering'

/** `ordering:payment-timeouts`: cancels orders whose payment did not come in time (every 10 seconds). */
export default defineTask({
  meta: { name: 'ordering:payment-timeouts', description: 'Cancel orders past their payment deadline' },
  async run() {
    return { result: { cancelled: await cancelOverduePayments(await useOrdering()) } }
  },
})
