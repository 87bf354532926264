import { defineEventHandler, getRequestHeader } from 'h3'
import { isSharedPage } from '#kernel/page-cache/registry'
import { pageSession, type PageSession } from '../http/page-session'
import { useIdentity } from '../identity'

declare module 'h3' {
  interface H3EventContext {
    /** For server-rendered personal pages: who is signed in, and the CSRF token their page must echo. */
    session?: PageSession
  }
}

/**
 * Before a personal page (an account's, the cart) renders, works out who is signed in, so its
 * header is right on first paint without calling the API. A shared page (a catalog page, the same
 * for everyone and cached whatever the cookies) renders for nobody: the browser asks
 * `/api/v1/session` for what is personal once it has loaded.
 */
export default defineEventHandler(async (event) => {
  if (event.method !== 'GET' || event.path.startsWith('/api/') || event.path.startsWith('/_')) return
  if (!getRequestHeader(event, 'accept')?.includes('text/html')) return
  if (isSharedPage(event.path.split('?', 1)[0]!)) return
  event.context.session = await pageSession(event, await useIdentity())
})
