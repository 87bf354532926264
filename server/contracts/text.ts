import { z } from 'zod'

/**
 * Text people type, as every module's schemas accept it. Control characters are never typed:
 * they come from fuzzers and broken clients, and a NUL makes Postgres (and PGlite) refuse the
 * statement, which would answer 500. Refused here, a 400 names the field and nothing is written.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not pass
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
// eslint-disable-next-line no-control-regex -- the same, but tabs and line breaks, which a paragraph has
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

export const CONTROL_CHARACTERS = 'must not contain control characters'

/** Whether a value has a character no text field accepts (for input read outside a schema). */
export const hasControlCharacters = (value: string) => CONTROL.test(value)

/** A name, a title, an email address: one line, trimmed. */
export const singleLine = () =>
  z
    .string()
    .trim()
    .refine((value) => !CONTROL.test(value), CONTROL_CHARACTERS)

/** A description, a review: line breaks and tabs allowed, trimmed. */
export const multiLine = () =>
  z
    .string()
    .trim()
    .refine((value) => !CONTROL_BUT_WHITESPACE.test(value), CONTROL_CHARACTERS)
