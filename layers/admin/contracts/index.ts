/**
 * The public face of the admin context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const ADMIN_CONTEXT = 'admin' as const
