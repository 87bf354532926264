import { randomUUID } from 'node:crypto'
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters, type FlattenedJWSInput } from 'jose'
import { LRUCache } from 'lru-cache'
import { ROLES, type RoleName } from '../../contracts'
import { ACCESS_TOKEN_ALGORITHM, type SigningKeys } from './signing-keys'

export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60
/** RFC 9068: an access token says it is one, so an ID token or another JWT cannot pass for it. */
const TOKEN_TYPE = 'at+jwt'
const AUDIENCE = 'shop-api'

export interface AccessClaims {
  userId: string
  roles: RoleName[]
  /** The sign-in (refresh-token family) this token belongs to. */
  sessionId: string
  jti: string
  expiresAt: number
}

export interface AccessTokens {
  issue(subject: {
    userId: string
    roles: RoleName[]
    sessionId: string
  }): Promise<{ token: string; claims: AccessClaims }>
  /** The claims of a valid token; undefined for anything else (expired, forged, malformed, wrong type). */
  verify(token: string): Promise<AccessClaims | undefined>
}

const isRole = (value: unknown): value is RoleName => ROLES.includes(value as RoleName)

export function accessTokens(keys: SigningKeys, issuer: string): AccessTokens {
  // Only our own algorithm and keys: `alg: none`, HS256 keyed with a public key and unknown kids all fail here.
  const keyFor = async (header: JWTHeaderParameters, _token: FlattenedJWSInput) => {
    const key = header.kid ? keys.verifying.get(header.kid) : undefined
    if (!key) throw new errors.JWKSNoMatchingKey()
    return key
  }

  // A token's signature checks out the same every time: a shopper's next requests skip the ES256
  // verification. Expiry is still checked on every use, and whether its session is live is not
  // cached at all (SessionStore.isLive), so a sign-out or a lock takes effect at once.
  const verified = new LRUCache<string, AccessClaims>({ max: 10_000 })

  return {
    async issue({ userId, roles, sessionId }) {
      const jti = randomUUID()
      const now = Math.floor(Date.now() / 1000)
      const expiresAt = now + ACCESS_TOKEN_LIFETIME_SECONDS
      const token = await new SignJWT({ roles, sid: sessionId })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.current.kid, typ: TOKEN_TYPE })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setJti(jti)
        .setIssuedAt(now)
        .setExpirationTime(expiresAt)
        .sign(keys.current.key)
      return { token, claims: { userId, roles, sessionId, jti, expiresAt } }
    },

    async verify(token) {
      const known = verified.get(token)
      if (known) return known.expiresAt > Date.now() / 1000 ? known : undefined
      try {
        const { payload } = await jwtVerify(token, keyFor, {
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          issuer,
          audience: AUDIENCE,
          typ: TOKEN_TYPE,
          requiredClaims: ['sub', 'jti', 'iat', 'exp', 'sid', 'roles'],
          clockTolerance: 5,
        })
        const { sub, jti, exp, sid, roles } = payload
        if (typeof sid !== 'string' || !Array.isArray(roles) || !roles.every(isRole)) return undefined
        const claims = { userId: sub!, jti: jti!, expiresAt: exp!, sessionId: sid, roles }
        verified.set(token, claims)
        return claims
      } catch {
        return undefined
      }
    },
  }
}
