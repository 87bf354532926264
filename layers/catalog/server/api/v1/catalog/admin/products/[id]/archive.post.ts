import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { productDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { updateProduct } from '#layers/catalog/server/features/update-product'
import { idParams } from '#layers/catalog/server/http/params'

export const contract = defineContract({
  summary: 'Take a product off sale',
  description: 'Its page answers 404 from then on.',
  access: 'admin',
  params: idParams('product'),
  body: z.object({ version: z.int().min(1) }),
  response: productDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  const { version } = await readJson(event, contract.body)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, { version, status: 'archived' }))
})
