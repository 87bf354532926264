import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from '../../contracts'
import { passwordProblem } from '../domain/password-policy'
import { COMMON_PASSWORDS } from '../infrastructure/common-passwords'

/** A password field that must satisfy the policy; the email is passed so it cannot be the password. */
export const newPasswordField = z.string().max(PASSWORD_MAX_LENGTH * 4)

export function newPasswordIssue(password: string, email: string): string | undefined {
  return passwordProblem(password, COMMON_PASSWORDS, [email, email.split('@')[0] ?? ''])
}
