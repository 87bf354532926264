import migrations from '#module-migrations'
import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { initSettings } from '../config/runtime'
import { InvalidSettingsError } from '../config/settings'
import { startInfrastructure } from '../infrastructure'
import { rootLogger } from '../log/logger'

/**
 * Start-up: validate the configuration (a bad value stops the process with one line naming the
 * variable), then connect and migrate. If the stores cannot be reached the process exits rather
 * than serving half an application.
 */
export default defineNitroPlugin((nitroApp) => {
  let settings
  try {
    settings = initSettings(useRuntimeConfig() as unknown as Record<string, unknown>)
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(78) // EX_CONFIG
  }
  rootLogger.level = settings.logLevel

  const infrastructure = startInfrastructure(settings, migrations)
  infrastructure.catch((error: unknown) => {
    rootLogger.fatal({ err: error }, 'could not start the infrastructure')
    process.exit(1)
  })
  nitroApp.hooks.hook('close', async () => {
    await (await infrastructure).close()
  })
})
