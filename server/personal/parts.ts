import type { H3Event } from 'h3'

/** One module's part of what is personal on a page (identity: who is signed in; basket: the cart's count). */
export type PersonalPart = (event: H3Event) => Promise<unknown>

const parts = new Map<string, PersonalPart>()

/** A context's composition root adds its part, under its own name; the kernel knows no context. */
export const registerPersonalPart = (module: string, part: PersonalPart) => void parts.set(module, part)

/** Every module's part for this request, asked at once (they share the request's one authentication). */
export async function personalParts(event: H3Event): Promise<Record<string, unknown>> {
  const entries = await Promise.all([...parts].map(async ([module, part]) => [module, await part(event)] as const))
  return Object.fromEntries(entries)
}
