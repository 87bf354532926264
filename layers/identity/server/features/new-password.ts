import { z } from 'zod'
import { passwordProblem, PASSWORD_MAX_LENGTH } from '../domain/password-policy'

/** A password field that must satisfy the policy; the email is passed so it cannot be the password. */
export const newPasswordField = z.string().max(PASSWORD_MAX_LENGTH * 4)

export function newPasswordIssue(password: string, email: string): string | undefined {
  return passwordProblem(password, [email, email.split('@')[0] ?? ''])
}
