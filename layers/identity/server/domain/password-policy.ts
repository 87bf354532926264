import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from '../../contracts'

/** Unicode has several encodings of "é"; NFC makes every device type the same password. */
export const normalizePassword = (password: string) => password.normalize('NFC')

/**
 * Why a password may not be chosen, or undefined when it may (NIST 800-63B / ASVS V6.2: length
 * and a blocklist, no composition rules). `common` is the blocklist, in lower case; `context`
 * holds words the password must not be (the email address).
 */
export function passwordProblem(
  password: string,
  common: ReadonlySet<string>,
  context: string[] = [],
): string | undefined {
  const length = passwordLength(password)
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`
  const lowered = password.toLowerCase()
  if (common.has(lowered)) return 'is one of the most common passwords; choose another'
  if (context.some((word) => word && lowered === word.toLowerCase())) return 'must not be your email address'
  return undefined
}
