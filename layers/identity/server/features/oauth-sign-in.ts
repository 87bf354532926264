import { createHash, randomBytes } from 'node:crypto'
import * as oidc from 'openid-client'
import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { refuse, success, type Refusal, type Result } from '#kernel/contracts/result'
import { IDENTITY_CONTEXT } from '../../contracts'
import { UserRegistered } from '../../contracts/events'
import { createEnvelope } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { redisKey } from '#kernel/redis/create-redis'
import type { Identity } from '../identity'
import type { ExternalProfile, OAuthProvider, OAuthProviderName } from '../infrastructure/oauth-providers'
import type { UserRecord } from '../infrastructure/users'
import { rateLimited } from './rate-limits'
import { startSession, type SessionGrant } from './start-session'

const FLOW_TTL_SECONDS = 600

const flowSchema = z.object({
  provider: z.string(),
  codeVerifier: z.string(),
  nonce: z.string().optional(),
  returnTo: z.string(),
  bindingHash: z.string(),
})

const flowKey = (state: string) => redisKey('oauth-flow', state)
const hashOf = (value: string) => createHash('sha256').update(value).digest('base64url')

export const callbackUrl = (identity: Identity, provider: OAuthProviderName) =>
  `${identity.publicUrl}/api/v1/identity/oauth/${provider}/callback`

/**
 * Starts the authorization-code flow: PKCE (S256), a single-use state bound to this browser by a
 * cookie (`binding`), and for OpenID Connect a nonce. Returns where to send the browser.
 */
export async function beginOAuth(
  identity: Identity,
  provider: OAuthProvider,
  returnTo: string,
  ip: string,
): Promise<Result<{ url: string; binding: string }>> {
  const limited = await rateLimited(identity.limiter, 'oauth-start', ip)
  if (limited) return limited
  const config = await provider.configuration()
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = provider.oidc ? oidc.randomNonce() : undefined
  const binding = randomBytes(32).toString('base64url')
  const flow = { provider: provider.name, codeVerifier, nonce, returnTo, bindingHash: hashOf(binding) }
  await identity.redis.set(flowKey(state), JSON.stringify(flow), 'EX', FLOW_TTL_SECONDS)
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(identity, provider.name),
    scope: provider.scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(nonce ? { nonce } : {}),
  })
  return success({ url: url.href, binding })
}

/** Why a sign-in failed, as a code the login page turns into a sentence (never text from the URL). */
export type OAuthFailure =
  | 'oauth-state'
  | 'oauth-denied'
  | 'oauth-failed'
  | 'oauth-no-email'
  | 'oauth-email-unverified'
  | 'oauth-link-refused'
  | 'oauth-locked'

const rejected = (code: OAuthFailure, message: string): Refusal => refuse(400, message, { code })

/**
 * Finishes the flow: the state must exist, be unused, belong to this provider and to this browser;
 * the code is exchanged with its PKCE verifier, and the ID token (Google) checked for its nonce.
 */
export async function completeOAuth(
  identity: Identity,
  provider: OAuthProvider,
  query: URLSearchParams,
  binding: string | undefined,
  ip: string,
): Promise<Result<{ grant: SessionGrant; returnTo: string }>> {
  const state = query.get('state')
  if (!state) return rejected('oauth-state', 'The sign-in response has no state.')
  const [[, saved]] = (await identity.redis.multi().get(flowKey(state)).del(flowKey(state)).exec()) as [
    [unknown, string | null],
  ]
  const flow = saved ? flowSchema.parse(JSON.parse(saved)) : undefined
  if (!flow || flow.provider !== provider.name || !binding || hashOf(binding) !== flow.bindingHash)
    return rejected('oauth-state', 'This sign-in attempt is unknown, expired or was started in another browser.')
  if (query.get('error')) return rejected('oauth-denied', 'The provider did not sign you in.')

  const config = await provider.configuration()
  const current = new URL(`${callbackUrl(identity, provider.name)}?${query}`)
  let tokens
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: state,
      ...(flow.nonce ? { expectedNonce: flow.nonce, idTokenExpected: true } : {}),
    })
  } catch (error) {
    identity.log.warn({ err: error, provider: provider.name }, 'oauth code exchange failed')
    return rejected('oauth-failed', 'The sign-in could not be completed.')
  }
  const profile = await provider.profile(config, tokens)
  const user = await accountFor(identity, provider.name, profile)
  if (!user.ok) return user
  const grant = await startSession(identity, user.value, ip)
  return grant.ok ? success({ grant: grant.value, returnTo: flow.returnTo }) : grant
}

/**
 * The account this external identity signs in to: the one it is linked to; else an existing
 * account with the same email, linked only when the provider verified the email; else a new one.
 */
async function accountFor(
  identity: Identity,
  provider: OAuthProviderName,
  profile: ExternalProfile,
): Promise<Result<UserRecord>> {
  const linked = await identity.db
    .selectFrom('external_logins')
    .select('user_id')
    .where('issuer', '=', profile.issuer)
    .where('subject', '=', profile.subject)
    .executeTakeFirst()
  if (linked) return accountOrFail(identity, linked.user_id)
  if (!profile.email) return rejected('oauth-no-email', `The ${provider} account shares no email address.`)

  // An unverified address proves nothing: it could be anybody's, so it neither opens nor joins an account.
  if (!profile.emailVerified)
    return rejected('oauth-email-unverified', `${provider} has not verified the account's email address.`)
  const existing = await identity.users.byEmail(profile.email)
  // Linking to an account whose own address was never confirmed would hand it to whoever registered
  // it, password included: pre-registering the victim's email must not capture their social sign-in.
  if (existing && !existing.emailConfirmed)
    return rejected('oauth-link-refused', 'The account with this email has not confirmed it.')
  const link = (userId: string) => ({
    issuer: profile.issuer,
    subject: profile.subject,
    provider,
    user_id: userId,
    email: profile.email ?? null,
  })
  if (existing) {
    const account = await accountOrFail(identity, existing.id)
    if (!account.ok) return account
    await identity.db
      .insertInto('external_logins')
      .values(link(existing.id))
      .onConflict((oc) => oc.doNothing())
      .execute()
    return account
  }

  const userId = uuidv7()
  const { email, firstName, lastName } = { ...profile, email: profile.email }
  const created = await withOutbox(identity.db, IDENTITY_CONTEXT, async (trx, emit) => {
    const inserted = await identity.users.insert(
      { id: userId, email, passwordHash: null, firstName, lastName, emailConfirmed: true },
      trx,
    )
    if (!inserted) return refuse(409, 'An account with this email was just created. Try again.')
    await identity.users.grantRole(userId, 'Customer', trx)
    await trx.insertInto('external_logins').values(link(userId)).execute()
    emit(createEnvelope(UserRegistered, { userId, email, firstName, lastName, via: provider }))
    return success(userId)
  })
  return created.ok ? accountOrFail(identity, userId) : created
}

async function accountOrFail(identity: Identity, userId: string): Promise<Result<UserRecord>> {
  const user = await identity.users.byId(userId)
  if (!user || user.lockedAt) return rejected('oauth-locked', 'This account cannot sign in.')
  return success(user)
}
