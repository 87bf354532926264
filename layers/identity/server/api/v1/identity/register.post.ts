import { defineEventHandler, getQuery } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { isFormPost, readForm } from '#kernel/http/read-form'
import { readJson } from '#kernel/http/read-json'
import { register, registerInput } from '#layers/identity/server/features/register'
import { answerSignInForm, backToForm } from '#layers/identity/server/http/form-posts'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/**
 * POST /api/v1/identity/register: a Customer account, signed in; 409 when the email is taken. The
 * page's form posted without JavaScript (to `?returnTo=<path>`) is answered with a redirect.
 */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  if (isFormPost(event)) {
    const form = await readForm(event, registerInput)
    const { returnTo } = getQuery(event)
    if (!form.ok) return backToForm(event, '/register', form, returnTo)
    const registered = await register(identity, form.value, clientIp(event))
    return answerSignInForm(event, identity, '/register', registered, returnTo)
  }
  const input = await readJson(event, registerInput)
  return respondWithSession(event, identity, await register(identity, input, clientIp(event)), { status: 201 })
})
