import { z } from 'zod'
import { skuInput } from '#layers/catalog/contracts/api'
import { MAX_LINE_QUANTITY } from '../../contracts'

/** What the basket's slices accept, as JSON and as the cart page's forms posted without JavaScript. */

export const sku = skuInput

const quantity = (min: number) =>
  z
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`)

export const addItemInput = z.object({ sku, quantity: quantity(1).default(1) }).meta({ id: 'AddBasketItem' })
export const setQuantityInput = z
  .object({ quantity: quantity(0).describe('0 removes the line') })
  .meta({ id: 'SetBasketQuantity' })

/** A form's text field holding digits, read as the number the JSON body would carry; anything else is left for the schema to refuse. */
const digits = (value: unknown) => (typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : value)

/** The same inputs posted by the cart's forms without JavaScript, where every field is text. */
export const addItemForm = z.object({ sku, quantity: z.preprocess(digits, quantity(1)).default(1) })
export const setQuantityForm = z.object({ quantity: z.preprocess(digits, quantity(0)) })
export const skuParams = z.object({ sku })
