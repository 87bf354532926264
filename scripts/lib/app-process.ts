import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { projectRoot, serverEntry } from './production-build'

export interface AppProcess {
  url: string
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/**
 * Starts the production server (`.output`, or another Nitro build's `entry`) with the given settings
 * and waits until `/api/health` answers. `cpu` pins it to one core with taskset, for benchmarks.
 */
export async function startApp(
  env: Record<string, string | undefined>,
  options: { cpu?: number | string; entry?: string } = {},
): Promise<AppProcess> {
  const port = await freePort()
  const node = [
    process.execPath,
    ...(process.env.APP_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    options.entry ?? serverEntry,
  ]
  const command = options.cpu === undefined ? node : ['taskset', '-c', String(options.cpu), ...node]
  const child = spawn(command[0]!, command.slice(1), {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const chunks: Buffer[] = []
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk))
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk))
  const output = () => Buffer.concat(chunks).toString()
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const url = `http://127.0.0.1:${port}`

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }

  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`)
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined)
    if (health) return { url, child, output, stop }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`the app did not answer within 60 s:\n${output()}`)
}

/** Runs the production server expecting it to refuse to start; resolves with its exit code and output. */
export async function runAppExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [serverEntry], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: Buffer[] = []
  const stderr: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearTimeout(timer)
  return { code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }
}
