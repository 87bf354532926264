import { createHmac, createPublicKey } from 'node:crypto'
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { accessTokens, type AccessTokens } from '../server/infrastructure/access-tokens'
import { loadSigningKeys } from '../server/infrastructure/signing-keys'
import { testJwks } from '#test/support/auth-keys'

const ISSUER = 'https://shop.test'
const subject = { userId: '01a20f23-38e0-73c4-9ea2-91f0369ca245', roles: ['Customer' as const], sessionId: 'family-1' }
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('access tokens (RFC 8725 checks)', () => {
  let tokens: AccessTokens
  let jwks: string
  let privateKey: CryptoKey

  beforeAll(async () => {
    jwks = await testJwks('k1')
    const keys = await loadSigningKeys({ authJwks: jwks, dataDir: '', requireConfigured: true })
    tokens = accessTokens(keys, ISSUER)
    privateKey = keys.current.key
  })

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())

  /** A token signed with the real key, with the given changes to header or claims. */
  const forge = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}, key = privateKey) => {
    const now = Math.floor(Date.now() / 1000)
    const payload = { iss: ISSUER, aud: 'shop-api', sub: subject.userId, jti: 'a-jti', iat: now, exp: now + 900 }
    return new SignJWT({ ...payload, roles: ['Customer'], sid: 'family-1', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt', ...header })
      .sign(key)
  }

  it('issues 15-minute ES256 tokens with sub, roles, sid and jti, and verifies them', async () => {
    const { token, claims } = await tokens.issue(subject)
    const payload = claimsOf(token)
    expect(payload.exp - payload.iat).toBe(900)
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({
      alg: 'ES256',
      kid: 'k1',
      typ: 'at+jwt',
    })
    expect(await tokens.verify(token)).toEqual(claims)
    expect(claims).toMatchObject({ userId: subject.userId, roles: ['Customer'], sessionId: 'family-1' })
  })

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600
    const expired = await forge({ iat: past - 900, exp: past })
    expect(await tokens.verify(expired)).toBeUndefined()
  })

  it('rejects a tampered token (roles raised to Admin)', async () => {
    const { token } = await tokens.issue(subject)
    const [header, , signature] = token.split('.')
    const payload = { ...claimsOf(token), roles: ['Admin'] }
    expect(await tokens.verify(`${header}.${b64(payload)}.${signature}`)).toBeUndefined()
  })

  it('rejects alg "none"', async () => {
    const { token } = await tokens.issue(subject)
    const unsigned = `${b64({ alg: 'none', typ: 'at+jwt', kid: 'k1' })}.${token.split('.')[1]}.`
    expect(await tokens.verify(unsigned)).toBeUndefined()
  })

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const { token } = await tokens.issue(subject)
    const { d: _d, ...publicJwk } = JSON.parse(jwks).keys[0]
    const pem = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string
    for (const secret of [pem, JSON.stringify(publicJwk)]) {
      const signingInput = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: 'k1' })}.${token.split('.')[1]}`
      const mac = createHmac('sha256', secret).update(signingInput).digest('base64url')
      expect(await tokens.verify(`${signingInput}.${mac}`)).toBeUndefined()
    }
  })

  it('rejects a token signed by another key, even one claiming our kid', async () => {
    const { privateKey: stranger } = await generateKeyPair('ES256')
    const foreign = await forge({ roles: ['Admin'] }, {}, stranger)
    expect(await tokens.verify(foreign)).toBeUndefined()
  })

  it.each([
    ['another issuer', { iss: 'https://evil.test' }, {}],
    ['another audience', { aud: 'someone-else' }, {}],
    ['another type (an ID token)', {}, { typ: 'JWT' }],
    ['an unknown kid', {}, { kid: 'k2' }],
    ['no session id', { sid: undefined }, {}],
    ['an unknown role', { roles: ['Root'] }, {}],
  ])('rejects a token with %s', async (_, claims, header) => {
    expect(await tokens.verify(await forge(claims, header))).toBeUndefined()
  })

  it('verifies tokens signed by an older key still in the set, and signs with the first', async () => {
    const older = JSON.parse(await testJwks('old')).keys[0]
    const newer = JSON.parse(await testJwks('new')).keys[0]
    const before = accessTokens(
      await loadSigningKeys({ authJwks: JSON.stringify({ keys: [older] }), dataDir: '', requireConfigured: true }),
      ISSUER,
    )
    const after = accessTokens(
      await loadSigningKeys({
        authJwks: JSON.stringify({ keys: [newer, older] }),
        dataDir: '',
        requireConfigured: true,
      }),
      ISSUER,
    )
    const { token } = await before.issue(subject)
    expect(await after.verify(token)).toBeDefined()
    expect(JSON.parse(Buffer.from((await after.issue(subject)).token.split('.')[0]!, 'base64url').toString()).kid).toBe(
      'new',
    )
  })

  it('never takes keys from a token: a key set without private keys is refused at start-up', async () => {
    const { d: _d, ...publicOnly } = JSON.parse(jwks).keys[0]
    await expect(
      loadSigningKeys({ authJwks: JSON.stringify({ keys: [publicOnly] }), dataDir: '', requireConfigured: true }),
    ).rejects.toThrow('AUTH_JWKS must be a JSON Web Key Set')
  })
})
