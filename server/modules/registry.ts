import type { ModuleToken } from '../contracts/module'

interface Slot {
  implementation: Promise<unknown>
  provide(implementation: unknown): void
  provided: boolean
}

const slots = new Map<string, Slot>()

function slotOf(module: string): Slot {
  let slot = slots.get(module)
  if (!slot) {
    let provide!: (implementation: unknown) => void
    const implementation = new Promise<unknown>((resolve) => (provide = resolve))
    slot = { implementation, provide, provided: false }
    slots.set(module, slot)
  }
  return slot
}

/**
 * A module's composition root makes its interface available to the others. It may pass a promise
 * (the module is still starting); callers wait for it. A module registers once.
 */
export function registerModule<T>(token: ModuleToken<T>, implementation: T | Promise<T>): void {
  const slot = slotOf(token.module)
  if (slot.provided) throw new Error(`the ${token.module} module is already registered`)
  slot.provided = true
  slot.provide(implementation)
}

/** How long a caller waits for a module that has not registered yet (modules start in any order). */
const RESOLVE_TIMEOUT_MS = 30_000

/**
 * Another module's interface, once its composition root has registered it. Nitro starts plugins
 * without awaiting them, so a caller early in start-up waits; a module that never registers (its
 * layer is missing) fails the caller after a while instead of hanging it.
 */
export function resolveModule<T>(token: ModuleToken<T>, timeoutMs = RESOLVE_TIMEOUT_MS): Promise<T> {
  const slot = slotOf(token.module)
  if (slot.provided) return slot.implementation as Promise<T>
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`no ${token.module} module was registered within ${timeoutMs} ms; is its layer installed?`)),
      timeoutMs,
    )
    timer.unref()
    slot.implementation.then((implementation) => {
      clearTimeout(timer)
      resolve(implementation as T)
    }, reject)
  })
}

/** Forgets every registration: for tests that start modules more than once in one process. */
export const clearModules = () => slots.clear()
