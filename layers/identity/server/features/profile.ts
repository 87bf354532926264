import { z } from 'zod'
import { refuse, success, type Result } from '#kernel/contracts/result'
import { singleLine } from '#kernel/contracts/text'
import { NAME_MAX_LENGTH, type UserDto } from '../../contracts'
import { userDto } from '../../contracts/api'
import { redisKey } from '#kernel/redis/create-redis'
import type { Identity } from '../identity'
import { publicUser } from './start-session'

const PROFILE_TTL_SECONDS = 600
const profileKey = (userId: string) => redisKey('user', userId, 'profile')

export const profileInput = z
  .object({
    firstName: singleLine().min(1, 'is required').max(NAME_MAX_LENGTH),
    lastName: singleLine().max(NAME_MAX_LENGTH),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'Send at least one field to change.')

/**
 * The signed-in user's profile: this instance's one-second copy, else Redis (`user:{id}:profile`),
 * else the database; dropped from both on change, so another instance shows a change within a second.
 */
export async function getProfile(identity: Identity, userId: string): Promise<Result<UserDto>> {
  const copy = identity.profiles.get(userId)
  if (copy) return success(copy)
  const cached = await identity.redis.get(profileKey(userId))
  let profile: UserDto
  if (cached) profile = userDto.parse(JSON.parse(cached))
  else {
    const user = await identity.users.byId(userId)
    if (!user) return refuse(404, 'This account no longer exists.')
    profile = publicUser(user)
    await identity.redis.set(profileKey(userId), JSON.stringify(profile), 'EX', PROFILE_TTL_SECONDS)
  }
  identity.profiles.set(userId, profile)
  return success(profile)
}

export async function updateProfile(
  identity: Identity,
  userId: string,
  changes: z.output<typeof profileInput>,
): Promise<Result<UserDto>> {
  await identity.users.updateProfile(userId, changes)
  await forgetProfile(identity, userId)
  return getProfile(identity, userId)
}

/** Called after any change to what the profile shows (name, roles, confirmation). */
export async function forgetProfile(identity: Identity, userId: string) {
  identity.profiles.delete(userId)
  await identity.redis.del(profileKey(userId))
}
