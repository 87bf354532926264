import { defineEventHandler, getQuery } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { login, loginInput } from '#layers/identity/server/features/login'
import { answerSignInForm, backToForm } from '#layers/identity/server/http/form-posts'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/**
 * POST /api/v1/identity/login: a new session; one 401 for every wrong email or password. The
 * sign-in page's form posted without JavaScript (to `?returnTo=<path>`) is answered with a redirect.
 */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event)) {
    const form = await readForm(event, loginInput)
    const { returnTo } = getQuery(event)
    if (!form.ok) return backToForm(event, '/login', form, returnTo)
    const signedIn = await login(identity, form.value, clientIp(event))
    return answerSignInForm(event, identity, '/login', signedIn, returnTo)
  }
  const input = await readJson(event, loginInput)
  return respondWithSession(event, identity, await login(identity, input, clientIp(event)))
})
