import { defineEventHandler } from 'h3'
import { useCatalog } from '#layers/catalog/server/catalog'
import { featured } from '#layers/catalog/server/features/featured'
import { sendJsonText } from '#layers/catalog/server/http/respond'

/** GET /api/v1/catalog/home: featured categories and products for the home page. */
export default defineEventHandler(async (event) => sendJsonText(event, await featured(await useCatalog())))
