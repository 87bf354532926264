// INVENTORY_STARTING_STOCK (demo | none) and INVENTORY_HOLD_MINUTES, validated at start-up by
// server/config/inventory-settings.ts.
export default defineNuxtConfig({
  $meta: { name: 'inventory' },
  nitro: { scheduledTasks: { '* * * * *': ['inventory:release-expired'] } },
  runtimeConfig: { inventoryStartingStock: '', inventoryHoldMinutes: '' },
})
