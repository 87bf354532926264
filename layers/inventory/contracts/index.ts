/**
 * The public face of the inventory context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const INVENTORY_CONTEXT = 'inventory' as const
