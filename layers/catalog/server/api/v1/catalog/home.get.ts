import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { homeDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { featured } from '#layers/catalog/server/features/featured'
import { sendJsonText } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: 'The home page: featured categories and products',
  access: 'public',
  response: homeDto,
})

export default defineEventHandler(async (event) => sendJsonText(event, await featured(await useCatalog())))
