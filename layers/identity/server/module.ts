import { z } from 'zod'
import type { IdentityModule } from '../contracts'
import { authenticateConnection } from './http/connection-credentials'
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
  authenticateConnection: async (credentials) => authenticateConnection(await identity, credentials),
  isLive: async (session) => (await identity).sessions.isLive(session),
  onSessionsEnded(listener) {
    void identity.then((context) => context.sessionEndListeners.add(listener))
  },
})
