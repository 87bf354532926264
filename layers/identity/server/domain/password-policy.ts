import { dictionary } from '@zxcvbn-ts/language-common'

/** Counted in characters (code points), so a password of emoji is as long as it looks. */
export const PASSWORD_MIN_LENGTH = 10
/** Long enough for any passphrase or manager; bounded so hashing cost stays predictable. */
export const PASSWORD_MAX_LENGTH = 256

// Only entries a new password could equal: shorter ones are refused by length already.
const common = new Set((dictionary['passwords-common'] as string[]).filter((p) => [...p].length >= PASSWORD_MIN_LENGTH))

/** Unicode has several encodings of "é"; NFC makes every device type the same password. */
export const normalizePassword = (password: string) => password.normalize('NFC')

/**
 * Why a password may not be chosen, or undefined when it may (NIST 800-63B / ASVS V6.2: length
 * and a blocklist, no composition rules). `context` holds words the password must not be.
 */
export function passwordProblem(password: string, context: string[] = []): string | undefined {
  const length = [...normalizePassword(password)].length
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`
  const lowered = password.toLowerCase()
  if (common.has(lowered)) return 'is one of the most common passwords; choose another'
  if (context.some((word) => word && lowered === word.toLowerCase())) return 'must not be your email address'
  return undefined
}
