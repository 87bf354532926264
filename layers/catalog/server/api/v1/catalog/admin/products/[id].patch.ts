import { defineEventHandler } from 'h3'
import { requireRole } from '../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../catalog'
import { updateProduct } from '../../../../../features/update-product'
import { productChanges } from '../../../../../http/product-input'
import { valueOrProblem } from '../../../../../http/outcome'
import { idParams } from '../../../../../http/params'

const params = idParams('product')

/** PATCH /api/v1/catalog/admin/products/{id} (Admin): changes the named fields, at the version given. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const changes = await readJson(event, productChanges)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, changes))
})
