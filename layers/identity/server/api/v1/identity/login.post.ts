import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { isFormPost } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { sessionDto } from '#layers/identity/contracts/api'
import { login, loginInput } from '#layers/identity/server/features/login'
import { answerSignInForm } from '#layers/identity/server/http/form-posts'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Sign in with an email address and a password',
  description:
    "One 401 for every wrong email or password. With `x-session: cookie` (the shop's pages) the tokens are set as httpOnly cookies; otherwise they are in the body. The sign-in page's form posted without JavaScript (to `?returnTo=<path>`) gets a 303.",
  access: 'public',
  body: loginInput,
  form: true,
  response: sessionDto,
  refusals: [401, 429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event))
    return answerSignInForm(event, identity, '/login', contract.body, (input) =>
      login(identity, input, clientIp(event)),
    )
  const input = await readJson(event, contract.body)
  return respondWithSession(event, identity, await login(identity, input, clientIp(event)))
})
