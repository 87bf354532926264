import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '../../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../../catalog'
import { updateProduct } from '../../../../../../features/update-product'
import { valueOrProblem } from '../../../../../../http/outcome'
import { idParams } from '../../../../../../http/params'

const params = idParams('product')
const body = z.object({ version: z.int().min(1) })

/** POST /api/v1/catalog/admin/products/{id}/archive (Admin): off sale; its page answers 404 from then on. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const { version } = await readJson(event, body)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, { version, status: 'archived' }))
})
