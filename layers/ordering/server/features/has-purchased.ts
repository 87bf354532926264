import type { OrderStatus } from '../../contracts'
import type { Ordering } from '../ordering'

/** An order the customer paid for and kept: refunded, returned or cancelled ones do not count. */
const KEPT: OrderStatus[] = ['Paid', 'Shipped', 'Delivered', 'Returning']

/** Whether the customer bought the product (any of its skus): their review is a "verified purchase". */
export async function hasPurchased(ordering: Ordering, userId: string, productId: string): Promise<boolean> {
  const found = await ordering.db
    .selectFrom('orders')
    .innerJoin('order_items', 'order_items.order_id', 'orders.id')
    .select('orders.id')
    .where('orders.user_id', '=', userId)
    .where('order_items.product_id', '=', productId)
    .where('orders.status', 'in', KEPT)
    .limit(1)
    .executeTakeFirst()
  return found !== undefined
}
