import { PASSWORD_MIN_LENGTH } from '../contracts'

export const PASSWORD_RULES = `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters that is not a common one and not your email address.`

const COMMON: Record<string, string> = {
  'rate-limited': 'Too many attempts. Wait a little and try again.',
  'invalid-email': 'Enter an email address like name@example.com.',
}

/**
 * Why a form posted without JavaScript was refused: the server sends the browser back with a code
 * in `?error=`, and the page says it in its own words (never text taken from the URL).
 */
export function useFormFailure(messages: Record<string, string>): string {
  const code = useRoute().query.error
  if (typeof code !== 'string' || !code) return ''
  return (
    messages[code] ??
    COMMON[code] ??
    (code.startsWith('invalid-')
      ? 'Please check what you entered and try again.'
      : 'That did not work. Please try again.')
  )
}
