import { afterEach, describe, expect, it } from 'vitest'
import { moduleToken } from '../contracts/module'
import { clearModules, registerModule, resolveModule } from './registry'

interface Greeter {
  greet(name: string): string
}
const Greeter = moduleToken<Greeter>('greeter')
const greeter: Greeter = { greet: (name) => `Hello, ${name}` }

describe('module registry', () => {
  afterEach(clearModules)

  it('resolves a module registered before it is asked for', async () => {
    registerModule(Greeter, greeter)
    expect((await resolveModule(Greeter)).greet('Ann')).toBe('Hello, Ann')
  })

  it('makes an early caller wait until the module registers, even as a promise', async () => {
    const asked = resolveModule(Greeter)
    registerModule(Greeter, Promise.resolve(greeter))
    expect(await asked).toBe(greeter)
  })

  it('refuses a second registration of one module', () => {
    registerModule(Greeter, greeter)
    expect(() => registerModule(Greeter, greeter)).toThrow('the greeter module is already registered')
  })

  it('fails a caller when the module never registers', async () => {
    await expect(resolveModule(Greeter, 10)).rejects.toThrow('no greeter module was registered within 10 ms')
  })

  it('passes on a module that failed to start', async () => {
    const asked = resolveModule(Greeter)
    registerModule(Greeter, Promise.reject(new Error('no database')))
    await expect(asked).rejects.toThrow('no database')
  })
})
