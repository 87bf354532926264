import { z } from 'zod'
import { ROLES } from './index'

/**
 * Identity's HTTP API, as the zod schemas its answers follow: /api/openapi.json describes them,
 * and the types in index.ts are inferred from them.
 */

/** A user as other contexts see them: no credentials, no tokens. */
export const userDto = z
  .object({
    id: z.uuid(),
    email: z.email(),
    firstName: z.string(),
    lastName: z.string(),
    emailConfirmed: z.boolean(),
    roles: z.array(z.enum(ROLES)),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'User' })

/** A session as the shop's own pages get it (`x-session: cookie`): the tokens stay in httpOnly cookies. */
export const cookieSessionDto = z
  .object({
    user: userDto,
    accessTokenExpiresAt: z.iso.datetime({ offset: true }),
    /** Echo it in `x-csrf-token` on every state-changing request. */
    csrfToken: z.string(),
  })
  .meta({ id: 'CookieSession' })

/** A session as an API client gets it: a 15-minute access token and a refresh token to rotate. */
export const tokenSessionDto = z
  .object({
    user: userDto,
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    accessTokenExpiresAt: z.iso.datetime({ offset: true }),
    refreshToken: z.string(),
    refreshTokenExpiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'TokenSession' })

export const sessionDto = z.union([tokenSessionDto, cookieSessionDto])
