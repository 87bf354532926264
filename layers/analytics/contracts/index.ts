/**
 * The public face of the analytics context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const ANALYTICS_CONTEXT = 'analytics' as const
