/**
 * The public face of the basket context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const BASKET_CONTEXT = 'basket' as const
