import { DELIVERY_CHARGE, FREE_DELIVERY_FROM } from '../contracts'

/** Standard delivery for an order of `subtotal` (minor units): what the checkout shows and the order charges. */
export const deliveryCharge = (subtotal: number): number => (subtotal >= FREE_DELIVERY_FROM ? 0 : DELIVERY_CHARGE)
