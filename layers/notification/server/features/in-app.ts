import { sql } from 'kysely'
import { done, refuse, type Result } from '#kernel/contracts/result'
import { NOTIFICATION_PAGE_SIZE, type NotificationPageDto, type UnreadCountDto } from '../../contracts'
import type { Notification } from '../notification'

/** A user's notifications, newest first, with how many are unread. */
export async function notificationPage(
  { db }: Notification,
  userId: string,
  page: number,
): Promise<NotificationPageDto> {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(NOTIFICATION_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATION_PAGE_SIZE)
      .execute(),
    db
      .selectFrom('notifications')
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`(count(*) filter (where read_at is null))::int`.as('unread'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ])
  return {
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: row.created_at.toISOString(),
      read: row.read_at !== null,
    })),
    unread: counts.unread,
    total: counts.total,
    page,
    pageSize: NOTIFICATION_PAGE_SIZE,
  }
}

export async function unreadCount({ db }: Notification, userId: string): Promise<UnreadCountDto> {
  const { unread } = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('unread'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return { unread }
}

/** Marks one of the user's notifications read; another user's is as absent as one that never was. */
export async function markRead({ db }: Notification, userId: string, id: string): Promise<Result<void>> {
  const found = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return found.numUpdatedRows ? done : refuse(404, 'There is no such notification.')
}

export async function markAllRead({ db }: Notification, userId: string): Promise<Result<void>> {
  await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute()
  return done
}
