import { defineTask } from 'nitropack/runtime'
import { releaseExpired } from '../../features/release-expired'
import { useInventory } from '../../inventory'

/** `inventory:release-expired`: gives back the stock of holds whose checkout never finished (every minute). */
export default defineTask({
  meta: { name: 'inventory:release-expired', description: 'Release order holds past their expiry' },
  async run() {
    return { result: { released: await releaseExpired(await useInventory()) } }
  },
})
