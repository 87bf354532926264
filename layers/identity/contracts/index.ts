import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'

/**
 * The public face of the identity context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const IDENTITY_CONTEXT = 'identity' as const

export const ROLES = ['Customer', 'Admin'] as const
export type RoleName = (typeof ROLES)[number]

/** A user as other contexts see them: no credentials, no tokens. */
export const userDto = z.object({
  id: z.uuid(),
  email: z.email(),
  firstName: z.string(),
  lastName: z.string(),
  emailConfirmed: z.boolean(),
  roles: z.array(z.enum(ROLES)),
  createdAt: z.iso.datetime({ offset: true }),
})
export type UserDto = z.infer<typeof userDto>

/** Published once per new account, by password registration or a first social sign-in. */
export const UserRegistered = defineMessage(
  'identity.user-registered.v1',
  z.object({
    userId: z.uuid(),
    email: z.email(),
    firstName: z.string(),
    lastName: z.string(),
    via: z.enum(['password', 'google', 'github']),
  }),
)

/** What other contexts may ask identity in-process (ordering asks who placed an order). */
export interface IdentityModule {
  getUser(userId: string): Promise<UserDto | undefined>
}
