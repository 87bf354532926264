import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../catalog'
import { updateProduct } from '../../../../../features/update-product'
import { productChanges } from '../../../../../http/product-input'
import { valueOrProblem } from '../../../../../http/outcome'

const params = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'is not a product id') })

/** PATCH /api/v1/catalog/admin/products/{id} (Admin): changes the named fields, at the version given. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const changes = await readJson(event, productChanges)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, changes))
})
