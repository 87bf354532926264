import { exportJWK, generateKeyPair } from 'jose'

/**
 * AUTH_JWKS for production servers started by tests on real services (where the app refuses to
 * invent a key). One key set per test file.
 */
export async function testJwks(kid = 'test-key'): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  return JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }] })
}
