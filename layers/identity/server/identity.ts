import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import type { Logger } from 'pino'
import { isHttps, type Settings } from '#kernel/config/settings'
import type { Infrastructure } from '#kernel/infrastructure'
import { resolveModule } from '#kernel/modules/registry'
import { NotificationModule } from '#layers/notification/contracts'
import type { EndedSessions, UserDto } from '../contracts'
import type { IdentitySettings } from './config/identity-settings'
import { accessTokens, type AccessTokens } from './infrastructure/access-tokens'
import { identityDb, type IdentityDb } from './infrastructure/database'
import { configuredOAuthProviders, type OAuthProvider, type OAuthProviderName } from './infrastructure/oauth-providers'
import { oneTimeTokens, type OneTimeTokens } from './infrastructure/one-time-tokens'
import { createPasswordHasher, type PasswordHasher } from './infrastructure/password-hasher'
import { rateLimiter, type RateLimiter } from '#kernel/redis/rate-limiter'
import { refreshTokenStore, type RefreshTokenStore } from './infrastructure/refresh-tokens'
import { sessionStore, type SessionStore } from './infrastructure/sessions'
import { loadSigningKeys } from './infrastructure/signing-keys'
import { userRepository, type UserRepository } from './infrastructure/users'

/** Everything identity's features use, built once at start-up (the context's composition root). */
export interface Identity {
  db: IdentityDb
  users: UserRepository
  refreshTokens: RefreshTokenStore
  oneTimeTokens: OneTimeTokens
  sessions: SessionStore
  /** Profiles read in the last second, by user id: a signed-in shopper's every request shows their name. */
  profiles: LRUCache<string, UserDto>
  redis: Redis
  limiter: RateLimiter
  hasher: PasswordHasher
  accessTokens: AccessTokens
  /** Where identity's emails go out (confirmation and reset links). */
  notifications(): Promise<NotificationModule>
  /** Told when sessions end: the live connections of those sessions close. */
  sessionEndListeners: Set<(ended: EndedSessions) => void>
  settings: IdentitySettings
  oauthProviders: Map<OAuthProviderName, OAuthProvider>
  publicUrl: string
  secureCookies: boolean
  log: Logger
}

export async function createIdentity(
  infrastructure: Pick<Infrastructure, 'sql' | 'redis'>,
  settings: Pick<Settings, 'publicUrl' | 'dataDir' | 'databaseUrl'>,
  identitySettings: IdentitySettings,
  log: Logger,
): Promise<Identity> {
  const db = identityDb(infrastructure.sql)
  const keys = await loadSigningKeys({
    authJwks: identitySettings.authJwks,
    dataDir: settings.dataDir,
    requireConfigured: process.env.NODE_ENV === 'production' && settings.databaseUrl !== undefined,
  })
  const sessionEndListeners = new Set<(ended: EndedSessions) => void>()
  return {
    db,
    users: userRepository(db),
    refreshTokens: refreshTokenStore(db),
    oneTimeTokens: oneTimeTokens(db),
    sessions: sessionStore(infrastructure.redis.client, (ended) => {
      for (const listener of sessionEndListeners) listener(ended)
    }),
    profiles: new LRUCache<string, UserDto>({ max: 10_000, ttl: 1_000 }),
    redis: infrastructure.redis.client,
    limiter: rateLimiter(infrastructure.redis.client),
    hasher: await createPasswordHasher(identitySettings.passwordHashConcurrency, log),
    accessTokens: accessTokens(keys, settings.publicUrl),
    notifications: () => resolveModule(NotificationModule),
    sessionEndListeners,
    settings: identitySettings,
    oauthProviders: configuredOAuthProviders(identitySettings),
    publicUrl: settings.publicUrl,
    secureCookies: isHttps(settings.publicUrl),
    log,
  }
}

let started: Promise<Identity> | undefined

export const setIdentity = (identity: Promise<Identity>) => void (started = identity)

export function useIdentity(): Promise<Identity> {
  if (!started) throw new Error('useIdentity() was called before the identity plugin started it')
  return started
}
