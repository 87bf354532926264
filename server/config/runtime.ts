import { parseSettings, type Settings } from './settings'

let current: Settings | undefined

/** Validates and stores the settings; called once by the infrastructure plugin at start-up. */
export function initSettings(raw: Record<string, unknown>): Settings {
  current = parseSettings(raw)
  return current
}

export function settings(): Settings {
  if (!current) throw new Error('settings() was called before the infrastructure plugin validated the configuration')
  return current
}
