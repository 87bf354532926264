/**
 * Child process for the crash tests: `node --import tsx crash-writer.fixture.ts <dir> <parts> [compact]`.
 * Appends groups of <parts> puts, several in flight, and prints `ack N` once group N is durable, so the parent
 * can SIGKILL it mid-stream and check what survived. With `compact` it also compacts in a loop, printing
 * `compact` at each cut, so a kill can land while a snapshot is being written. Documents are ~1 KiB, so that
 * write takes long enough to be caught.
 */
import type { Document } from 'bson'
import { openDurableLog, type Change } from './durable-log'

const [dir, partsArgument, mode] = process.argv.slice(2)
const parts = Number(partsArgument)
if (!dir || !(parts > 0)) throw new Error('usage: crash-writer.fixture.ts <dir> <parts> [compact]')
// Never outlive a parent that died before killing us.
setTimeout(() => process.exit(3), 30_000).unref()

const { log, recovered } = await openDurableLog(dir)
const state = new Map<string, Document>()
let next = 0
for (const change of recovered) {
  if (change.op !== 'put') continue
  state.set(String(change.doc._id), change.doc)
  next = Math.max(next, Number(change.doc.group) + 1)
}

async function writeGroup(group: number): Promise<void> {
  const changes: Change[] = []
  for (let part = 0; part < parts; part++) {
    const doc = { _id: `${group}.${part}`, group, part, pad: 'x'.repeat(1_000 + ((group * 31 + part) % 400)) }
    // Applied before the append, as a store would: a snapshot cut now must already contain it.
    state.set(doc._id, doc)
    changes.push({ op: 'put', db: 'crash', coll: 'groups', doc })
  }
  await log.append(changes)
  process.stdout.write(`ack ${group}\n`)
}

async function appender(): Promise<never> {
  for (;;) await writeGroup(next++)
}

function* snapshot(): Iterable<Change> {
  for (const doc of state.values()) yield { op: 'put', db: 'crash', coll: 'groups', doc }
}

async function compactor(): Promise<never> {
  for (;;) {
    process.stdout.write('compact\n')
    await log.compact(snapshot)
  }
}

process.stdout.write('ready\n')
await Promise.all([...Array.from({ length: 8 }, appender), ...(mode === 'compact' ? [compactor()] : [])])
