import { z } from 'zod'
import type { IdentityModule } from '../contracts'
import { getProfile } from './features/profile'
import type { Identity } from './identity'

const userId = z.uuid()

/** Identity's in-process interface, over its features; the plugin registers it. */
export const identityModule = (identity: Promise<Identity>): IdentityModule => ({
  async getUser(id) {
    if (!userId.safeParse(id).success) return undefined // Postgres would refuse it as a uuid
    const profile = await getProfile(await identity, id)
    return profile.ok ? profile.value : undefined
  },
})
