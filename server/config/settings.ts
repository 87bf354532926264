import { z } from 'zod'

const urlWithProtocol = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )

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
export function parseSettings(raw: Record<string, unknown>): Settings {
  const picked = Object.fromEntries(Object.keys(settingsSchema.shape).map((key) => [key, raw[key]]))
  const result = settingsSchema.safeParse(picked)
  if (result.success) return result.data
  throw new InvalidSettingsError(
    result.error.issues.map((issue) => `${envNameOf(String(issue.path[0]))} ${issue.message}`),
  )
}

export type InfrastructureKind = 'real' | 'embedded'
