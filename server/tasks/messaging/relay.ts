import { defineTask } from 'nitropack/runtime'
import { useInfrastructure } from '../../infrastructure'

/** `messaging:relay`: one relay pass on demand; the start-up loop runs it continuously. */
export default defineTask({
  meta: { name: 'messaging:relay', description: 'Publish what is due in every outbox' },
  async run() {
    const { messaging } = await useInfrastructure()
    return { result: { relayed: await messaging.relay.runOnce() } }
  },
})
