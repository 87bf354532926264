import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { IDENTITY_CONTEXT, IdentityModule } from '../../contracts'
import { registerModule } from '#kernel/modules/registry'
import { setAuthenticator } from '#kernel/auth/guard'
import { settings } from '#kernel/config/runtime'
import { InvalidSettingsError } from '#kernel/config/settings'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { registerOutbox } from '#kernel/messaging/messaging'
import { registerFormRoute } from '#kernel/http/body-rules'
import { registerPersonalPart } from '#kernel/personal/parts'
import { registerPersonalRead } from '#kernel/front-lane/front-lane'
import { parseIdentitySettings } from '../config/identity-settings'
import { ensureAdmin } from '../features/ensure-admin'
import { accessClaimsOf, principalOf } from '../http/authenticate'
import { FORM_PATHS } from '../http/form-posts'
import { pageSession } from '../http/page-session'
import { createIdentity, setIdentity, useIdentity } from '../identity'
import { identityModule } from '../module'
import { myProfile } from '../http/front-reads'

/**
 * Identity's start-up: its outbox joins the relay, its settings are validated (a bad one stops the
 * process like the kernel's do), the first admin is ensured from ADMIN_EMAIL/ADMIN_PASSWORD, and
 * guarded slices everywhere learn who is signed in.
 */
export default defineNitroPlugin((nitroApp) => {
  registerOutbox(IDENTITY_CONTEXT)
  for (const path of FORM_PATHS) registerFormRoute(path)
  const raw = useRuntimeConfig() as unknown as Record<string, unknown>
  const log = rootLogger.child({ module: IDENTITY_CONTEXT })
  const identity = (async () => {
    const identitySettings = parseIdentitySettings(raw)
    const identity = await createIdentity(await useInfrastructure(), settings(), identitySettings, log)
    if (identitySettings.adminEmail && identitySettings.adminPassword) {
      const outcome = await ensureAdmin(identity, identitySettings.adminEmail, identitySettings.adminPassword)
      if (outcome !== 'unchanged') log.info({ email: identitySettings.adminEmail, outcome }, 'admin account ensured')
    }
    return identity
  })()
  identity.catch((error: unknown) => {
    if (error instanceof InvalidSettingsError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(78) // EX_CONFIG
    }
    log.fatal({ err: error }, 'identity could not start')
    process.exit(1)
  })
  setIdentity(identity)
  registerModule(IdentityModule, identityModule(identity))
  nitroApp.hooks.hook('close', async () => {
    await (await identity).hasher.close()
  })
  registerPersonalRead('/api/v1/identity/me', myProfile)
  registerPersonalPart(IDENTITY_CONTEXT, async (event) => pageSession(event, await useIdentity()))
  setAuthenticator(async (event) => {
    const claims = await accessClaimsOf(await useIdentity(), event)
    return claims && principalOf(claims)
  })
})
