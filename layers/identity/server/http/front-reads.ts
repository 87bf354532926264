import { privateJson, type PersonalRead } from '#kernel/front-lane/front-lane'
import { getProfile } from '../features/profile'
import { useIdentity } from '../identity'
import { accessClaimsOf } from './authenticate'

/**
 * GET /api/v1/identity/me in front of the app (ADR 0013): the signed-in user's profile. A caller
 * who is not signed in, or whose profile is gone, is left to the route, which refuses them.
 */
export const myProfile: PersonalRead = async (event) => {
  const identity = await useIdentity()
  const claims = await accessClaimsOf(identity, event)
  const profile = claims && (await getProfile(identity, claims.userId))
  return profile?.ok ? privateJson(profile.value) : undefined
}
