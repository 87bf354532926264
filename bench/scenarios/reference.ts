import { fork } from 'node:child_process'
import { join } from 'node:path'
import { freePort } from '#scripts/lib/app-process'
import { pinProcess, SERVER_CPU, type BenchContext, type Measurement, type Scenario } from '../harness'

/** A bare node:http JSON endpoint on the server core: the denominator of every ratio. */
export const baseline: Scenario = {
  name: 'baseline',
  unit: 'req/s',
  description: 'bare node:http JSON endpoint',
  run: ({ httpLoad }) => loadBareServer('baseline-server.mjs', {}, httpLoad),
}

/** A trivial static page rendered by Nuxt: the reference for every server-rendered page. */
export const ssrStatic: Scenario = {
  name: 'ssr-static',
  unit: 'req/s',
  description: 'Nuxt SSR of a static page (/privacy)',
  async run({ app, httpLoad }) {
    const server = await app()
    return httpLoad(`${server.url}/privacy`, server.child.pid!)
  },
}

/** Starts one of bench/'s bare servers on the server core and loads it like any scenario. */
export async function loadBareServer(
  script: string,
  env: Record<string, string>,
  httpLoad: BenchContext['httpLoad'],
): Promise<Measurement> {
  const port = await freePort()
  const child = fork(join(import.meta.dirname, '..', script), [], {
    env: { ...env, PORT: String(port) },
    stdio: 'ignore',
  })
  try {
    await new Promise((resolve) => child.once('message', resolve))
    pinProcess(child.pid!, SERVER_CPU)
    return await httpLoad(`http://127.0.0.1:${port}/`, child.pid!)
  } finally {
    child.kill()
  }
}
