/**
 * The public face of the payment context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const PAYMENT_CONTEXT = 'payment' as const
