import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'The social sign-ins this shop offers',
  access: 'public',
  response: z.object({ providers: z.array(z.enum(['google', 'github'])) }),
})

export default defineEventHandler(async () => ({ providers: [...(await useIdentity()).oauthProviders.keys()] }))
