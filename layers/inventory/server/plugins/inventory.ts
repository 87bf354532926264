import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { INVENTORY_CONTEXT, InventoryModule } from '../../contracts'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { registerHandler, registerOutbox } from '#kernel/messaging/messaging'
import { registerModule } from '#kernel/modules/registry'
import { InvalidSettingsError } from '#kernel/config/settings'
import { parseInventorySettings } from '../config/inventory-settings'
import { orderStockHandler } from '../consumers/order-stock'
import { trackNewSkusHandler } from '../consumers/track-new-skus'
import { createInventory, setInventory, useInventory } from '../inventory'
import { inventoryModule } from '../module'

/** Inventory's start-up: its outbox joins the relay, its consumers join the bus, its module the registry. */
export default defineNitroPlugin(() => {
  registerOutbox(INVENTORY_CONTEXT)
  const log = rootLogger.child({ module: INVENTORY_CONTEXT })
  const raw = useRuntimeConfig() as unknown as Record<string, unknown>
  let settings
  try {
    settings = parseInventorySettings(raw)
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(78) // EX_CONFIG
  }
  const inventory = (async () => createInventory(await useInfrastructure(), settings, log))()
  inventory.catch((error: unknown) => {
    log.fatal({ err: error }, 'inventory could not start')
    process.exit(1)
  })
  setInventory(inventory)
  registerModule(InventoryModule, inventoryModule(inventory))
  registerHandler(orderStockHandler(useInventory))
  registerHandler(trackNewSkusHandler(useInventory))
})
