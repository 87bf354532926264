import '@node-rs/argon2' // imported here too so the build ships it: the workers load it by path
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'

export type HashJob =
  { op: 'hash'; password: string; options: object } | { op: 'verify'; stored: string; password: string }

// The worker hashes synchronously on its own thread, which it gives the lowest CPU priority, so
// requests on the event loop always run first and a login flood cannot slow pages down; when nothing
// else runs, it hashes at full speed. Linux (a thread id is a valid target of both): nice 19 alone
// lets a running hash finish its time slice before a woken request handler gets the core; as a
// SCHED_IDLE thread (util-linux's chrt, where installed) it gives way at once.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { readlinkSync } = require('node:fs')
const { setPriority } = require('node:os')
const { execFileSync } = require('node:child_process')
const { hashSync, verifySync } = require(workerData.argon2)
let lowPriority = true
try {
  const threadId = readlinkSync('/proc/thread-self').split('/').pop()
  setPriority(Number(threadId), 19)
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', threadId], { stdio: 'ignore' })
  } catch {
    // no chrt: nice 19 still puts requests first, a slice later
  }
} catch {
  lowPriority = false
}
parentPort.postMessage({ ready: true, lowPriority })
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash' ? hashSync(job.password, job.options) : verifyOrFalse(job.stored, job.password)
    parentPort.postMessage({ result })
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) })
  }
})
function verifyOrFalse(stored, password) {
  try {
    return verifySync(stored, password)
  } catch {
    return false // an unreadable stored hash matches no password
  }
}
`

interface Pending {
  job: HashJob
  resolve(value: unknown): void
  reject(error: Error): void
}

interface HashWorker {
  worker: Worker
  /** Jobs sent to this worker, oldest (running) first. */
  jobs: Pending[]
}

export interface HashingPool {
  run<T>(job: HashJob): Promise<T>
  /** Hashes running now, and jobs waiting for a worker. */
  load(): { active: number; waiting: number }
  /** False where the OS would not lower the workers' priority (not Linux). */
  lowPriority: boolean
  close(): Promise<void>
}

// Each worker holds its next job while it hashes, so it starts the next hash the moment one ends
// instead of waiting for a busy event loop to hand it over.
const JOBS_PER_WORKER = 2
const RESPAWN_DELAY_MS = 1_000

/** `size` hashing threads; jobs beyond them wait in order. */
export async function startHashingPool(size: number, log: Logger): Promise<HashingPool> {
  const argon2 = createRequire(import.meta.url).resolve('@node-rs/argon2')
  const workers: HashWorker[] = []
  const queue: Pending[] = []
  let lowPriority = true
  let closing = false

  const dispatch = () => {
    for (let depth = 1; depth <= JOBS_PER_WORKER; depth++)
      for (const slot of workers)
        while (slot.jobs.length < depth && queue.length) {
          const next = queue.shift()!
          slot.jobs.push(next)
          slot.worker.postMessage(next.job)
        }
  }

  const spawn = () =>
    new Promise<void>((ready, failed) => {
      const slot: HashWorker = { worker: new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2 } }), jobs: [] }
      slot.worker.unref()
      slot.worker.on(
        'message',
        (message: { ready?: boolean; lowPriority?: boolean; result?: unknown; error?: string }) => {
          if (message.ready) {
            lowPriority &&= message.lowPriority === true
            workers.push(slot)
            dispatch()
            return ready()
          }
          const done = slot.jobs.shift()
          dispatch()
          if (message.error !== undefined) done?.reject(new Error(`argon2: ${message.error}`))
          else done?.resolve(message.result)
        },
      )
      slot.worker.on('error', (error) => {
        log.error({ err: error }, 'a hashing worker failed')
        failed(error)
      })
      // A crashed worker fails its jobs and is replaced, so the pool keeps its size.
      slot.worker.on('exit', () => {
        if (workers.includes(slot)) workers.splice(workers.indexOf(slot), 1)
        for (const job of slot.jobs.splice(0)) job.reject(new Error('the hashing worker stopped'))
        // After a pause, so a worker that cannot start does not respawn in a tight loop.
        if (!closing)
          setTimeout(
            () => spawn().catch((error: unknown) => log.error({ err: error }, 'could not replace a hashing worker')),
            RESPAWN_DELAY_MS,
          ).unref()
      })
    })

  await Promise.all(Array.from({ length: size }, spawn))

  return {
    run: <T>(job: HashJob) =>
      new Promise<T>((resolve, reject) => {
        queue.push({ job, resolve: (value) => resolve(value as T), reject })
        dispatch()
      }),
    load: () => {
      const active = workers.filter((slot) => slot.jobs.length > 0).length
      const held = workers.reduce((sum, slot) => sum + slot.jobs.length, 0)
      return { active, waiting: queue.length + held - active }
    },
    get lowPriority() {
      return lowPriority
    },
    async close() {
      closing = true
      for (const waiting of queue.splice(0)) waiting.reject(new Error('the hashing pool is closed'))
      await Promise.all(workers.map((slot) => slot.worker.terminate()))
    },
  }
}
