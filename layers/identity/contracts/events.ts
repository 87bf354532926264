import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'

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
