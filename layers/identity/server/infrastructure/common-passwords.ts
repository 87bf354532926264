import { dictionary } from '@zxcvbn-ts/language-common'
import { PASSWORD_MIN_LENGTH, passwordLength } from '../../contracts'

/**
 * zxcvbn's list of the most common passwords, kept to those a new password could equal: shorter
 * ones are refused by length already.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  (dictionary['passwords-common'] as string[]).filter((password) => passwordLength(password) >= PASSWORD_MIN_LENGTH),
)
