import { v7 as uuidv7 } from 'uuid'
import { IDENTITY_CONTEXT, UserRegistered } from '../../contracts'
import { createEnvelope } from '../../../../server/messaging/envelope'
import { withOutbox } from '../../../../server/messaging/outbox'
import type { Identity } from '../identity'
import { newPasswordIssue } from './new-password'
import { forgetProfile } from './profile'

/**
 * Makes `email` an Admin, creating the account with `password` if it does not exist. An existing
 * account keeps its password: configuration never silently resets one. Safe to run at every start.
 */
export async function ensureAdmin(
  identity: Identity,
  email: string,
  password: string,
): Promise<'created' | 'promoted' | 'unchanged'> {
  const existing = await identity.users.byEmail(email)
  if (existing) {
    if (existing.roles.includes('Admin')) return 'unchanged'
    await identity.users.grantRole(existing.id, 'Admin')
    await forgetProfile(identity, existing.id)
    return 'promoted'
  }
  const problem = newPasswordIssue(password, email)
  if (problem) throw new Error(`the admin password ${problem}`)
  const passwordHash = await identity.hasher.hash(password)
  const userId = uuidv7()
  await withOutbox(identity.db, IDENTITY_CONTEXT, async (trx, emit) => {
    await identity.users.insert(
      { id: userId, email, passwordHash, firstName: 'Admin', lastName: '', emailConfirmed: true },
      trx,
    )
    await identity.users.grantRole(userId, 'Customer', trx)
    await identity.users.grantRole(userId, 'Admin', trx)
    emit(createEnvelope(UserRegistered, { userId, email, firstName: 'Admin', lastName: '', via: 'password' }))
  })
  return 'created'
}
