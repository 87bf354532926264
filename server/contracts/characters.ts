/**
 * Characters no text people type contains. Control characters come from fuzzers and broken
 * clients, and a NUL makes Postgres (and PGlite) refuse the statement. No zod here, so the
 * browser can check a value without loading it.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not pass
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
// eslint-disable-next-line no-control-regex -- the same, but tabs and line breaks, which a paragraph has
export const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

export const CONTROL_CHARACTERS = 'must not contain control characters'

/** Whether a value has a character no text field accepts (for input read outside a schema). */
export const hasControlCharacters = (value: string) => CONTROL.test(value)
