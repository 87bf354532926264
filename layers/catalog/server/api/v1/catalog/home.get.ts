import { defineEventHandler } from 'h3'
import { useCatalog } from '../../../catalog'
import { featured } from '../../../features/featured'
import { sendJsonText } from '../../../http/respond'

/** GET /api/v1/catalog/home: featured categories and products for the home page. */
export default defineEventHandler(async (event) => sendJsonText(event, await featured(await useCatalog())))
