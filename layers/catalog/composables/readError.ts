/**
 * The error page for a read that failed for another reason than a missing page (database down, API
 * 5xx): `fatal`, so the server answers with that status rather than a 200 page with nothing in it.
 */
export function readError(error: { statusCode?: number } | null | undefined) {
  if (!error) return undefined
  const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
  return createError({ statusCode, statusMessage: 'The catalog could not be read', fatal: true })
}
