import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import {
  DataFileError,
  FILE_HEADER_BYTES,
  decodeChanges,
  encodeChange,
  fileHeader,
  frameHeader,
  readFileHeader,
  readFrame,
} from './format'

import type { Change } from './change'

export { DataFileError } from './format'

export type { Change } from './change'

export interface DurableLog {
  /**
   * Appends one atomic group of changes (a command's or a transaction's writes) and resolves once it is
   * on disk (written and fdatasync'ed). Concurrent appends are group-committed: one write + one fdatasync
   * for every group waiting, in call order. After a crash, a group is either entirely replayed or not at all.
   * The changes are serialized before `append` returns, so the caller may mutate them afterwards. Once a write or
   * flush fails, this and every later append reject: what reached the disk is unknown until the next open.
   */
  append(changes: Change[]): Promise<void>
  /**
   * Writes a snapshot of the whole state and retires the journal it covers, so the journal does not grow
   * forever. `state` is called synchronously, exactly once, at the moment the snapshot is cut: it returns
   * the changes that rebuild the current state from nothing (createCollection, createIndex, put …). Appends
   * made while the snapshot is being written must not be lost (rotate to a new journal file at the cut).
   * The cut is made inside this call (after the running compaction, if one is). The iterable is consumed at
   * the cut, so it may read live data; it must reflect every change already passed to `append`.
   */
  compact(state: () => Iterable<Change>): Promise<void>
  /** Bytes appended since the last snapshot: the caller compacts when this grows large. */
  readonly journalBytes: number
  close(): Promise<void>
}

export interface DurableLogStats {
  /** Groups made durable. */
  appends: number
  /** Journal writes, one per group commit. */
  writes: number
  /** fdatasyncs of the journal, one per group commit. */
  syncs: number
}

export interface DurableLogOptions {
  /** Replaces `file.datasync()` for the journal: tests fail flushes with it. */
  datasync?: (file: FileHandle) => Promise<void>
}

const SNAPSHOT = 'snapshot'
const SNAPSHOT_TMP = 'snapshot.tmp'
const JOURNAL_TMP = 'journal.tmp'
const JOURNAL = /^journal\.(\d{6,})$/
const journalName = (generation: number) => `journal.${String(generation).padStart(6, '0')}`
/** A group commit takes waiting groups up to this size, so one frame stays a bounded buffer. */
const BATCH_BYTES = 16 * 2 ** 20
const SNAPSHOT_FRAME_BYTES = 2 ** 20
/** Frame lengths are u32, and the reader loads a whole file. */
const MAX_GROUP_BYTES = 2 ** 30

/**
 * Opens (creating if needed) the data directory and recovers: `recovered` is the list of changes to apply, in
 * order, to an empty store (the snapshot's, then every journal group after it). Throws a clear Error naming the
 * file and the problem for a corrupt or missing data file (never returns an empty state for damaged data).
 */
export async function openDurableLog(
  dir: string,
  options: DurableLogOptions = {},
): Promise<{ log: DurableLog & { readonly stats: DurableLogStats }; recovered: Change[] }> {
  await mkdir(dir, { recursive: true })
  const names = await readdir(dir)
  // Leftovers of an interrupted compaction or rotation: never renamed into place, so never relied on.
  for (const leftover of [SNAPSHOT_TMP, JOURNAL_TMP]) if (names.includes(leftover)) await rm(join(dir, leftover))

  const recovered: Change[] = []
  const hasSnapshot = names.includes(SNAPSHOT)
  const base = hasSnapshot ? readSnapshot(join(dir, SNAPSHOT), await readFile(join(dir, SNAPSHOT)), recovered) : 0
  const generations = names.flatMap((name) => JOURNAL.exec(name)?.[1] ?? []).map(Number)
  const live = generations.filter((generation) => generation >= base).sort((a, b) => a - b)
  checkContinuity(dir, hasSnapshot, base, live)

  let journalBytes = 0
  let tail: { generation: number; end: number; size: number } | undefined
  for (const [index, generation] of live.entries()) {
    const path = join(dir, journalName(generation))
    const content = await readFile(path)
    const end = readJournal(path, content, generation, index === live.length - 1, recovered)
    journalBytes += end - FILE_HEADER_BYTES
    tail = { generation, end, size: content.length }
  }

  let file: FileHandle
  if (tail) {
    file = await open(join(dir, journalName(tail.generation)), 'r+')
    if (tail.end < tail.size) {
      await file.truncate(tail.end)
      await file.sync()
    }
  } else {
    tail = { generation: base, end: FILE_HEADER_BYTES, size: FILE_HEADER_BYTES }
    file = await createJournal(dir, base)
  }
  for (const generation of generations) if (generation < base) await rm(join(dir, journalName(generation)))

  const datasync = options.datasync ?? ((handle: FileHandle) => handle.datasync())
  const log = new JournalLog(dir, file, tail.generation, tail.end, journalBytes, datasync)
  return { log, recovered }
}

function checkContinuity(dir: string, hasSnapshot: boolean, base: number, live: number[]): void {
  const first = live[0]
  if (!hasSnapshot && first !== undefined && first !== 0) {
    const problem = `${journalName(first)} continues from a snapshot, and there is neither one nor a ${journalName(0)}`
    throw new DataFileError(join(dir, SNAPSHOT), problem, 'missing')
  }
  // Compaction creates the snapshot's first journal before the snapshot itself, so it always exists.
  if (hasSnapshot && first !== base) {
    throw new DataFileError(join(dir, journalName(base)), 'the snapshot continues from it', 'missing')
  }
  live.forEach((generation, index) => {
    if (generation !== base + index) {
      const problem = `${journalName(generation)} exists after it`
      throw new DataFileError(join(dir, journalName(base + index)), problem, 'missing')
    }
  })
}

/** Reads a snapshot into `out` and returns the generation of the first journal it does not cover. */
function readSnapshot(path: string, content: Buffer, out: Change[]): number {
  const generation = readFileHeader(content, 'snapshot', path)
  for (let offset = FILE_HEADER_BYTES; ;) {
    if (offset === content.length) throw new DataFileError(path, `truncated: no end marker after byte ${offset}`)
    const frame = readFrame(content, offset)
    if ('problem' in frame) throw new DataFileError(path, `${frame.problem} at byte ${offset}`)
    if (frame.payload.length === 0) {
      if (frame.end !== content.length) throw new DataFileError(path, `data after the end marker at byte ${frame.end}`)
      return generation
    }
    decodeInto(out, frame.payload, path, offset)
    offset = frame.end
  }
}

/** Reads a journal into `out` and returns where its valid frames end (before a torn tail, if any). */
function readJournal(path: string, content: Buffer, generation: number, newest: boolean, out: Change[]): number {
  const recorded = readFileHeader(content, 'journal', path)
  if (recorded !== generation) throw new DataFileError(path, `its header says generation ${recorded}`)
  let offset = FILE_HEADER_BYTES
  while (offset < content.length) {
    const frame = readFrame(content, offset)
    if ('problem' in frame) {
      // Rotation waits for the previous write's flush, so only the newest journal can end in a write never acknowledged.
      if (newest && frame.torn) return offset
      throw new DataFileError(path, `${frame.problem} at byte ${offset}`)
    }
    decodeInto(out, frame.payload, path, offset)
    offset = frame.end
  }
  return offset
}

function decodeInto(out: Change[], payload: Buffer, path: string, offset: number): void {
  const changes = decodeChanges(payload)
  if (typeof changes === 'string') throw new DataFileError(path, `${changes} in the frame at byte ${offset}`)
  for (const change of changes) out.push(change)
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Creates a journal atomically: a journal file never exists without its complete header. */
async function createJournal(dir: string, generation: number): Promise<FileHandle> {
  const tmp = join(dir, JOURNAL_TMP)
  const file = await open(tmp, 'w')
  try {
    await file.write(fileHeader('journal', generation), 0, FILE_HEADER_BYTES, 0)
    await file.sync()
    await rename(tmp, join(dir, journalName(generation)))
    await syncDirectory(dir)
  } catch (error) {
    await file.close()
    throw error
  }
  return file
}

async function writeAll(file: FileHandle, buffers: Buffer[], position: number): Promise<number> {
  const length = buffers.reduce((sum, buffer) => sum + buffer.length, 0)
  const { bytesWritten } = await file.writev(buffers, position)
  if (bytesWritten !== length) throw new Error(`mongo-wire: short write (${bytesWritten} of ${length} bytes)`)
  return length
}

/** Serializes the state at the cut, in frames of about SNAPSHOT_FRAME_BYTES. */
function snapshotFrames(changes: Iterable<Change>): Buffer[][] {
  const frames: Buffer[][] = []
  let parts: Buffer[] = []
  let length = 0
  const flush = () => {
    frames.push([frameHeader(parts, length), ...parts])
    parts = []
    length = 0
  }
  for (const change of changes) {
    const part = encodeChange(change)
    parts.push(part)
    length += part.length
    if (length >= SNAPSHOT_FRAME_BYTES) flush()
  }
  if (parts.length > 0) flush()
  flush() // the empty end marker: a snapshot without it was cut short
  return frames
}

async function writeSnapshot(path: string, generation: number, frames: Buffer[][]): Promise<void> {
  const file = await open(path, 'w')
  try {
    let position = await writeAll(file, [fileHeader('snapshot', generation)], 0)
    for (const frame of frames) position += await writeAll(file, frame, position)
    await file.sync()
  } finally {
    await file.close()
  }
}

interface Waiter {
  resolve(): void
  reject(error: Error): void
}
type GroupJob = Waiter & { kind: 'group'; parts: Buffer[]; length: number }
type Job = GroupJob | (Waiter & { kind: 'rotate'; generation: number })

const ignore = () => undefined

class JournalLog implements DurableLog {
  private readonly queue: Job[] = []
  private writing = false
  private writer: Promise<void> = Promise.resolve()
  private failure: Error | undefined
  private closing: Promise<void> | undefined
  private compacting: Promise<void> | undefined
  /** The generation new appends belong to; the open file lags behind it between a cut and its rotation. */
  private generation: number
  private readonly counters: DurableLogStats = { appends: 0, writes: 0, syncs: 0 }

  constructor(
    private readonly dir: string,
    private file: FileHandle,
    private fileGeneration: number,
    private position: number,
    private bytes: number,
    private readonly datasync: (file: FileHandle) => Promise<void>,
  ) {
    this.generation = fileGeneration
  }

  get journalBytes(): number {
    return this.bytes
  }

  get stats(): DurableLogStats {
    return { ...this.counters }
  }

  append(changes: Change[]): Promise<void> {
    const refusal = this.refusal()
    if (refusal) return Promise.reject(refusal)
    let parts: Buffer[]
    try {
      parts = changes.map(encodeChange)
    } catch (error) {
      return Promise.reject(error)
    }
    const length = parts.reduce((sum, part) => sum + part.length, 0)
    if (length > MAX_GROUP_BYTES) {
      return Promise.reject(
        new RangeError(`mongo-wire: a group of ${length} bytes is over the ${MAX_GROUP_BYTES} limit`),
      )
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'group', parts, length, resolve, reject })
      this.kick()
    })
  }

  compact(state: () => Iterable<Change>): Promise<void> {
    const run = this.compacting ? this.compacting.then(() => this.compactNow(state)) : this.compactNow(state)
    const settled = run.then(ignore, ignore)
    this.compacting = settled
    void settled.then(() => {
      if (this.compacting === settled) this.compacting = undefined
    })
    return run
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.compacting
      await this.writer
      await this.file.close()
    })()
    return this.closing
  }

  private refusal(): Error | undefined {
    if (this.closing) return new Error('mongo-wire: the durable log is closed')
    if (this.failure)
      return new Error('mongo-wire: the durable log failed and takes no more writes', { cause: this.failure })
    return undefined
  }

  /*
   * Crash analysis, step by step (G = the new generation):
   *   before journal G is renamed in    → journal.tmp is dropped on open; old snapshot + old journals.
   *   before the snapshot is renamed in → snapshot.tmp is dropped; old snapshot + old journals + journal G.
   *   after the rename, before cleanup  → new snapshot + journal G; older journals are ignored, then deleted.
   * The snapshot is renamed in only once journal G exists, so its first journal is never missing.
   */
  private async compactNow(state: () => Iterable<Change>): Promise<void> {
    const refusal = this.refusal()
    if (refusal) throw refusal
    const frames = snapshotFrames(state())
    const generation = this.generation + 1
    const retiredBytes = this.bytes
    this.generation = generation
    this.bytes = 0
    const rotated = new Promise<void>((resolve, reject) => {
      this.queue.push({ kind: 'rotate', generation, resolve, reject })
      this.kick()
    })
    rotated.catch(ignore) // awaited below, after the snapshot is written
    const tmp = join(this.dir, SNAPSHOT_TMP)
    try {
      await writeSnapshot(tmp, generation, frames)
      await rotated
      await rename(tmp, join(this.dir, SNAPSHOT))
      await syncDirectory(this.dir)
    } catch (error) {
      this.bytes += retiredBytes
      await rm(tmp, { force: true })
      throw error
    }
    for (const name of await readdir(this.dir)) {
      const retired = JOURNAL.exec(name)
      if (retired && Number(retired[1]) < generation) await rm(join(this.dir, name))
    }
  }

  private kick(): void {
    if (this.writing) return
    this.writing = true
    // Started a microtask later, so appends issued in the same tick share the first flush too.
    this.writer = Promise.resolve().then(() => this.drain())
  }

  /** The single writer: each pass writes and flushes every group waiting, as one frame. */
  private async drain(): Promise<void> {
    let batch: Job[] = []
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        batch = [job]
        if (job.kind === 'rotate') {
          await this.rotate(job.generation)
        } else {
          const groups = [job]
          let length = job.length
          for (let next = this.queue[0]; next?.kind === 'group'; next = this.queue[0]) {
            if (length + next.length > BATCH_BYTES) break
            this.queue.shift()
            groups.push(next)
            length += next.length
          }
          batch = groups
          if (length > 0) await this.write(groups, length)
        }
        for (const waiter of batch) waiter.resolve()
        batch = []
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error))
      for (const waiter of [...batch, ...this.queue.splice(0)]) waiter.reject(this.failure)
    } finally {
      // Set in the same tick as the empty-queue check, so no append can find the writer busy but gone.
      this.writing = false
    }
  }

  private async write(groups: GroupJob[], length: number): Promise<void> {
    const parts = groups.flatMap((group) => group.parts)
    const written = await writeAll(this.file, [frameHeader(parts, length), ...parts], this.position)
    this.counters.writes++
    await this.datasync(this.file)
    this.counters.syncs++
    this.counters.appends += groups.length
    this.position += written
    // Groups cut into a snapshot but written to the old journal are already covered by it.
    if (this.fileGeneration === this.generation) this.bytes += written
  }

  private async rotate(generation: number): Promise<void> {
    const file = await createJournal(this.dir, generation)
    const previous = this.file
    this.file = file
    this.fileGeneration = generation
    this.position = FILE_HEADER_BYTES
    await previous.close()
  }
}
