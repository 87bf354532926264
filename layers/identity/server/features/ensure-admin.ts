import { v7 as uuidv7 } from 'uuid'
import { IDENTITY_CONTEXT } from '../../contracts'
import { UserRegistered } from '../../contracts/events'
import { createEnvelope } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import type { Identity } from '../identity'
import { newPasswordIssue } from './new-password'
import { forgetProfile } from './profile'

/**
 * Makes `email` an Admin, creating the account with `password` if it does not exist. An existing
 * account is promoted only when `password` is its password, and keeps it: configuration never
 * resets one. Safe to run at every start.
 */
export async function ensureAdmin(
  identity: Identity,
  email: string,
  password: string,
): Promise<'created' | 'promoted' | 'unchanged'> {
  const existing = await identity.users.byEmail(email)
  if (existing) {
    if (existing.roles.includes('Admin')) return 'unchanged'
    // Whoever registered the address first must not become an admin by it: only the account's
    // owner, proven by its password, is promoted.
    if (!existing.passwordHash || !(await identity.hasher.verify(existing.passwordHash, password)))
      throw new Error(`${email} already has an account whose password is not ADMIN_PASSWORD; it was not made an admin`)
    await identity.users.grantRole(existing.id, 'Admin')
    await forgetProfile(identity, existing.id)
    return 'promoted'
  }
  const problem = newPasswordIssue(password, email)
  if (problem) throw new Error(`the admin password ${problem}`)
  const passwordHash = await identity.hasher.hash(password)
  const userId = uuidv7()
  const created = await withOutbox(identity.db, IDENTITY_CONTEXT, async (trx, emit) => {
    const inserted = await identity.users.insert(
      { id: userId, email, passwordHash, firstName: 'Admin', lastName: '', emailConfirmed: true },
      trx,
    )
    if (!inserted) return false
    await identity.users.grantRole(userId, 'Customer', trx)
    await identity.users.grantRole(userId, 'Admin', trx)
    emit(createEnvelope(UserRegistered, { userId, email, firstName: 'Admin', lastName: '', via: 'password' }))
    return true
  })
  // Another instance starting at the same moment created it first: it is then theirs to check.
  return created ? 'created' : ensureAdmin(identity, email, password)
}
