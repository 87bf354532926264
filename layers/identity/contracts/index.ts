/**
 * The public face of the identity context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const IDENTITY_CONTEXT = 'identity' as const
