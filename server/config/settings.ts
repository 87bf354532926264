import { z } from 'zod'

export const urlWithProtocol = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )

/** Where shoppers reach the shop: links in emails, OAuth redirects, the origin CSRF checks expect. */
export const isHttps = (publicUrl: string) => publicUrl.startsWith('https:')

/** Empty means "not configured": the embedded adapter is used instead. */
const optionalUrl = (protocols: readonly string[]) =>
  z.union([z.literal('').transform(() => undefined), urlWithProtocol(protocols)]).optional()

export const settingsSchema = z.object({
  databaseUrl: optionalUrl(['postgres:', 'postgresql:']),
  redisUrl: optionalUrl(['redis:', 'rediss:']),
  redisKeyPrefix: z
    .string()
    .regex(/^([a-z0-9][a-z0-9_-]*:)?$/, 'must be empty or lowercase words ending in ":", e.g. "shop-staging:"')
    .default(''),
  mongodbUrl: optionalUrl(['mongodb:', 'mongodb+srv:']),
  amqpUrl: optionalUrl(['amqp:', 'amqps:']),
  busPrefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_", e.g. "shop"')
    .default('shop'),
  publicUrl: urlWithProtocol(['http:', 'https:'])
    .transform((value) => value.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
  /** Proxies in front of the app that append to X-Forwarded-For; 0 trusts none and uses the socket address. */
  trustProxyHops: z.coerce.number().int().min(0).max(10).default(0),
  dataDir: z.string().trim().min(1, 'must name a folder').default('.data'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  maxBodyBytes: z.coerce
    .number()
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 bytes')
    .max(50 * 1_048_576, 'must be at most 50 MiB')
    .default(1_048_576),
})

export type Settings = z.infer<typeof settingsSchema>

/** The environment variable behind each setting, for messages people can act on. */
export const envNameOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`)
    this.name = 'InvalidSettingsError'
  }
}

/**
 * Validates raw runtime config. Values arrive already parsed by Nitro (destr), so numbers and
 * booleans may be typed; everything else is checked here, once, before any connection is made.
 */
export const parseSettings = (raw: Record<string, unknown>): Settings => parseConfig(settingsSchema, raw)

/** The same validation for a context's own settings (identity's keys, OAuth clients, …). */
export function parseConfig<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  raw: Record<string, unknown>,
): z.output<z.ZodObject<Shape>> {
  // An empty variable means "not configured", so its default applies.
  const picked = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, raw[key] === '' ? undefined : raw[key]]),
  )
  const result = schema.safeParse(picked)
  if (result.success) return result.data
  throw new InvalidSettingsError(
    result.error.issues.map((issue) => `${envNameOf(String(issue.path[0]))} ${issue.message}`),
  )
}

export type InfrastructureKind = 'real' | 'embedded'
