/**
 * The public face of the notification context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const NOTIFICATION_CONTEXT = 'notification' as const
