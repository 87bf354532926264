import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { RoleName, UserDto } from '../../contracts'
import type { IdentityDb } from './database'

export interface UserRecord extends UserDto {
  passwordHash: string | null
  lockedAt: Date | null
}

const lowerEmail = (email: string) => sql<string>`lower(${email})`

export function userRepository(db: IdentityDb) {
  const selectUsers = (executor: IdentityDb) =>
    executor
      .selectFrom('users as u')
      .select((eb) => [
        'u.id',
        'u.email',
        'u.password_hash',
        'u.first_name',
        'u.last_name',
        'u.email_confirmed',
        'u.locked_at',
        'u.created_at',
        jsonArrayFrom(
          eb
            .selectFrom('user_roles as ur')
            .innerJoin('roles as r', 'r.id', 'ur.role_id')
            .select('r.name')
            .whereRef('ur.user_id', '=', 'u.id')
            .orderBy('r.name'),
        ).as('roles'),
      ])

  type Row = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>
  const toRecord = (row: Row | undefined): UserRecord | undefined =>
    row && {
      id: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      emailConfirmed: row.email_confirmed,
      roles: row.roles.map((r) => r.name as RoleName),
      createdAt: new Date(row.created_at).toISOString(),
      passwordHash: row.password_hash,
      lockedAt: row.locked_at,
    }

  return {
    byId: async (id: string, executor: IdentityDb = db) =>
      toRecord(await selectUsers(executor).where('u.id', '=', id).executeTakeFirst()),

    byEmail: async (email: string, executor: IdentityDb = db) =>
      toRecord(
        await selectUsers(executor)
          .where(sql`lower(u.email)`, '=', lowerEmail(email))
          .executeTakeFirst(),
      ),

    /** Returns false when the email is taken (any case), leaving nothing behind. */
    async insert(
      user: {
        id: string
        email: string
        passwordHash: string | null
        firstName: string
        lastName: string
        emailConfirmed?: boolean
      },
      executor: IdentityDb = db,
    ): Promise<boolean> {
      const inserted = await executor
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          password_hash: user.passwordHash,
          first_name: user.firstName,
          last_name: user.lastName,
          email_confirmed: user.emailConfirmed ?? false,
          locked_at: null,
          last_login_at: null,
        })
        .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted !== undefined
    },

    async grantRole(userId: string, role: RoleName, executor: IdentityDb = db) {
      await executor
        .insertInto('user_roles')
        .columns(['user_id', 'role_id'])
        .expression((eb) =>
          eb
            .selectFrom('roles')
            .select([eb.val(userId).as('user_id'), 'id'])
            .where('name', '=', role),
        )
        .onConflict((oc) => oc.doNothing())
        .execute()
    },

    async setPasswordHash(userId: string, passwordHash: string, executor: IdentityDb = db) {
      await executor
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: new Date() })
        .where('id', '=', userId)
        .execute()
    },

    async updateProfile(userId: string, profile: { firstName?: string; lastName?: string }) {
      await db
        .updateTable('users')
        .set({
          ...(profile.firstName !== undefined ? { first_name: profile.firstName } : {}),
          ...(profile.lastName !== undefined ? { last_name: profile.lastName } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', userId)
        .execute()
    },

    async confirmEmail(userId: string, executor: IdentityDb = db) {
      await executor
        .updateTable('users')
        .set({ email_confirmed: true, updated_at: new Date() })
        .where('id', '=', userId)
        .execute()
    },
  }
}

export type UserRepository = ReturnType<typeof userRepository>
