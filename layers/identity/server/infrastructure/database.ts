import type { Generated, Kysely } from 'kysely'
import { IDENTITY_CONTEXT } from '../../contracts'
import { schemaDb, type SqlPort } from '#kernel/sql/sql-port'

export interface UsersTable {
  id: string
  email: string
  password_hash: string | null
  first_name: Generated<string>
  last_name: Generated<string>
  email_confirmed: Generated<boolean>
  two_factor_enabled: Generated<boolean>
  locked_at: Date | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  last_login_at: Date | null
}

export interface RefreshTokensTable {
  id: string
  user_id: string
  family_id: string
  token_hash: Buffer
  expires_at: Date
  created_at: Generated<Date>
  created_by_ip: string | null
  revoked_at: Date | null
  revoked_by_ip: string | null
  revoked_reason: string | null
  replaced_by_id: string | null
}

export interface IdentityDatabase {
  users: UsersTable
  roles: { id: string; name: string; description: string }
  user_roles: { user_id: string; role_id: string }
  refresh_tokens: RefreshTokensTable
  user_claims: { id: string; user_id: string; claim_type: string; claim_value: string }
  external_logins: {
    issuer: string
    subject: string
    provider: string
    user_id: string
    email: string | null
    created_at: Generated<Date>
  }
  one_time_tokens: {
    token_hash: Buffer
    user_id: string
    purpose: 'confirm-email' | 'reset-password'
    expires_at: Date
    used_at: Date | null
    created_at: Generated<Date>
  }
}

export type IdentityDb = Kysely<IdentityDatabase>

export const identityDb = (sql: SqlPort): IdentityDb => schemaDb<IdentityDatabase>(sql, IDENTITY_CONTEXT)
