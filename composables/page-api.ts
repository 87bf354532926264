import { refusalFromProblem, type Refusal } from '#kernel/contracts/result'
import { csrfTokenFrom } from '#layers/identity/contracts'

/** A call from the shop's pages: the session's cookies, and its CSRF token on a change. */
export function pageCall<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: object; headers?: Record<string, string> } = {},
): Promise<T> {
  const csrf = import.meta.client ? csrfTokenFrom(document.cookie) : undefined
  return $fetch<unknown>(path, {
    method,
    body: options.body,
    headers: { ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}), ...options.headers },
  }) as Promise<T>
}

const UNREACHABLE = 'The shop could not be reached. Check your connection and try again.'

/** What a failed call says to the shopper: the refusal the server gave, or why there is none. */
export function refusalOf(error: unknown): Refusal {
  const refusal = refusalFromProblem((error as { data?: unknown } | undefined)?.data)
  return refusal?.detail ? refusal : { ok: false, status: 400, detail: UNREACHABLE }
}
