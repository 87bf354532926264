import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { updateProduct } from '#layers/catalog/server/features/update-product'
import { valueOrProblem } from '#kernel/http/respond'
import { idParams } from '#layers/catalog/server/http/params'

const params = idParams('product')
const body = z.object({ version: z.int().min(1) })

/** POST /api/v1/catalog/admin/products/{id}/archive (Admin): off sale; its page answers 404 from then on. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const { version } = await readJson(event, body)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, { version, status: 'archived' }))
})
