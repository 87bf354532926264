/**
 * The public face of the ordering context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const ORDERING_CONTEXT = 'ordering' as const
