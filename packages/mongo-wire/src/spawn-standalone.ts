import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))

export interface Standalone {
  url: string
  child: ChildProcess
  /** SIGKILL, as a crash: no chance to flush anything. */
  kill(): Promise<void>
  stop(): Promise<void>
}

/** Runs `npm run mongo:embedded`'s entry point in its own process and waits until it listens. */
export function spawnStandalone(args: { dir?: string; port?: number } = {}): Promise<Standalone> {
  const argv = ['--import', 'tsx', cli, '--port', String(args.port ?? 0), ...(args.dir ? ['--dir', args.dir] : [])]
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ending = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return new Promise((resolve, reject) => {
    let output = ''
    let errors = ''
    child.stderr!.on('data', (chunk) => (errors += chunk))
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const url = /listening on (\S+)/.exec(output)?.[1]
      if (url) resolve({ url, child, kill: ending('SIGKILL'), stop: ending('SIGTERM') })
    })
    child.once('exit', (code) => reject(new Error(`mongo-wire exited with ${code}: ${errors.trim()}`)))
  })
}
