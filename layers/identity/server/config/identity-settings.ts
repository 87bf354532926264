import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { parseConfig, urlWithProtocol } from '#kernel/config/settings'

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined)

export const identitySettingsSchema = z.object({
  /** JSON Web Key Set of private keys; the first signs, all verify (rotation). Generated in development. */
  authJwks: z
    .union([z.string().trim(), z.object({ keys: z.array(z.unknown()) }).transform((jwks) => JSON.stringify(jwks))])
    .optional(), // Nitro parses a JSON variable into an object; the key loader wants the text
  adminEmail: z.union([z.literal('').transform(() => undefined), z.email('must be an email address')]).optional(),
  adminPassword: optionalText,
  /** Hashes at once; the rest wait, so a login flood leaves cores for everything else. */
  passwordHashConcurrency: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, availableParallelism() - 1)),
  googleClientId: optionalText,
  googleClientSecret: optionalText,
  googleIssuer: urlWithProtocol(['https:', 'http:']).default('https://accounts.google.com'),
  githubClientId: optionalText,
  githubClientSecret: optionalText,
  githubWebUrl: urlWithProtocol(['https:', 'http:']).default('https://github.com'),
  githubApiUrl: urlWithProtocol(['https:', 'http:']).default('https://api.github.com'),
})

export type IdentitySettings = z.infer<typeof identitySettingsSchema>

export const parseIdentitySettings = (raw: Record<string, unknown>): IdentitySettings =>
  parseConfig(identitySettingsSchema, raw)
