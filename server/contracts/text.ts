import { z } from 'zod'
import { CONTROL, CONTROL_BUT_WHITESPACE, CONTROL_CHARACTERS } from './characters'

/**
 * Text people type, as every module's schemas accept it: trimmed, and without control characters
 * (./characters.ts), which would otherwise reach a statement Postgres refuses and answer 500.
 * Refused here, a 400 names the field and nothing is written.
 */

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
