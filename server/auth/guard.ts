import { createError, setResponseHeader, type H3Event } from 'h3'

export type Role = 'Customer' | 'Admin'

export interface Principal {
  userId: string
  roles: Role[]
}

export type Authenticator = (event: H3Event) => Promise<Principal | undefined>

// Until the identity context registers its authenticator, nobody is signed in: every guarded
// slice answers 401, so no admin operation is ever open by accident.
let authenticate: Authenticator = async () => undefined

/** The identity context installs how requests are authenticated (tokens, cookies). */
export const setAuthenticator = (authenticator: Authenticator) => void (authenticate = authenticator)

/** The signed-in caller, or undefined for a visitor: for slices that serve both (a guest's cart). */
export const currentUser = (event: H3Event): Promise<Principal | undefined> => authenticate(event)

/**
 * The signed-in caller, or 401. What a guarded slice answers is that caller's own (or an admin's),
 * so no browser or shared cache may keep it.
 */
export async function requireUser(event: H3Event): Promise<Principal> {
  const principal = await authenticate(event)
  if (!principal) throw createError({ statusCode: 401, message: 'Sign in to continue.' })
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return principal
}

export async function requireRole(event: H3Event, role: Role): Promise<Principal> {
  const principal = await requireUser(event)
  if (!principal.roles.includes(role)) throw createError({ statusCode: 403, message: `This needs the ${role} role.` })
  return principal
}
