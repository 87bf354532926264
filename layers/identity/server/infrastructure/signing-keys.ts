import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose'
import { z } from 'zod'
import { InvalidSettingsError } from '#kernel/config/settings'

export const ACCESS_TOKEN_ALGORITHM = 'ES256'

export interface SigningKeys {
  /** The key new tokens are signed with. */
  current: { kid: string; key: CryptoKey }
  /** Every configured key's public half by `kid`, so tokens signed before a rotation stay valid. */
  verifying: Map<string, CryptoKey>
}

const privateJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  kid: z.string().min(1),
  x: z.string(),
  y: z.string(),
  d: z.string(),
})
const jwksSchema = z.object({ keys: z.array(privateJwk).min(1) })

/** A fresh key set for AUTH_JWKS (`npm run identity -- generate-key`). */
export async function generateJwks(): Promise<{ keys: JWK[] }> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true })
  const jwk = await exportJWK(privateKey)
  return { keys: [{ ...jwk, kid: `k${Date.now().toString(36)}`, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' }] }
}

async function importJwks(json: string, source: string): Promise<SigningKeys> {
  let parsed: z.infer<typeof jwksSchema>
  try {
    parsed = jwksSchema.parse(JSON.parse(json))
  } catch {
    throw new InvalidSettingsError([`${source} must be a JSON Web Key Set of EC P-256 private keys with a "kid" each`])
  }
  const verifying = new Map<string, CryptoKey>()
  for (const { d: _private, ...publicJwk } of parsed.keys)
    verifying.set(publicJwk.kid, (await importJWK(publicJwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey)
  const first = parsed.keys[0]!
  return { current: { kid: first.kid, key: (await importJWK(first, ACCESS_TOKEN_ALGORITHM)) as CryptoKey }, verifying }
}

export interface SigningKeyOptions {
  authJwks?: string
  dataDir: string
  /** A real deployment must configure its keys: a generated key would differ per instance. */
  requireConfigured: boolean
}

/** Keys from AUTH_JWKS; in development, one generated once and kept under DATA_DIR. */
export async function loadSigningKeys(options: SigningKeyOptions): Promise<SigningKeys> {
  if (options.authJwks) return importJwks(options.authJwks, 'AUTH_JWKS')
  if (options.requireConfigured)
    throw new InvalidSettingsError([
      'AUTH_JWKS must be set in production (generate one with `npm run identity -- generate-key`)',
    ])
  const file = join(options.dataDir, 'identity', 'dev-jwks.json')
  const existing = await readFile(file, 'utf8').catch(() => undefined)
  if (existing) return importJwks(existing, file)
  const generated = JSON.stringify(await generateJwks())
  await mkdir(join(options.dataDir, 'identity'), { recursive: true })
  await writeFile(file, generated, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error // another instance wrote it first: use theirs
  })
  return importJwks(await readFile(file, 'utf8'), file)
}
