import { defineEventHandler } from 'h3'
import { useIdentity } from '#layers/identity/server/identity'

/** GET /api/v1/identity/oauth/providers: the social sign-in buttons to show. */
export default defineEventHandler(async () => ({ providers: [...(await useIdentity()).oauthProviders.keys()] }))
