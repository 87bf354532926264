import { createError, getRouterParam, type H3Event } from 'h3'
import type { Identity } from '../identity'
import type { OAuthProvider, OAuthProviderName } from '../infrastructure/oauth-providers'

/** The provider named in the path, or 404 when it is unknown or not configured. */
export function oauthProviderOf(event: H3Event, identity: Identity): OAuthProvider {
  const provider = identity.oauthProviders.get(getRouterParam(event, 'provider') as OAuthProviderName)
  if (!provider) throw createError({ statusCode: 404, message: 'This sign-in provider is not available.' })
  return provider
}
