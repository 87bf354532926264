/**
 * The public face of the catalog context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const CATALOG_CONTEXT = 'catalog' as const
