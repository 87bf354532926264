import { mkdir } from 'node:fs/promises'
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type { Document } from 'bson'
import { commandNotFound, commands as builtIn, type CommandHandler, type Engine } from './commands'
import { Cursors } from './engine/cursors'
import { Store } from './engine/store'
import { errorReply } from './errors'
import { lockDirectory } from './persistence/directory-lock'
import { openDurableLog, type DurableLog } from './persistence/durable-log'
import { decodeRequest, encodeReply } from './wire'

export interface MongoWireServer {
  port: number
  url: string
  close(): Promise<void>
}

export interface MongoWireOptions {
  host?: string
  /** 0 picks a free port. */
  port?: number
  /** Where data lives; without it everything is in memory and gone when the server stops. */
  dir?: string
  /** Extra or replacement commands (tests). */
  commands?: Record<string, CommandHandler>
  /** Journal size that triggers a snapshot. */
  compactAfterBytes?: number
}

/** Opens the store: empty in memory, or recovered from `dir` (throws on damaged data, never starts empty). */
async function openEngine(options: MongoWireOptions): Promise<{ engine: Engine; close(): Promise<void> }> {
  const store = new Store()
  const cursors = new Cursors()
  if (!options.dir) return { engine: { store, cursors, persist: async () => {} }, close: async () => {} }
  await mkdir(options.dir, { recursive: true })
  const unlock = await lockDirectory(options.dir)
  let log: DurableLog
  try {
    const opened = await openDurableLog(options.dir)
    log = opened.log
    for (const change of opened.recovered) store.apply(change)
  } catch (error) {
    await unlock()
    throw error
  }
  const compactAfter = options.compactAfterBytes ?? 64 * 1024 * 1024
  let compacting: Promise<void> | undefined
  const compact = () => {
    compacting ??= log.compact(() => store.snapshot()).finally(() => (compacting = undefined))
    return compacting
  }
  if (log.journalBytes > 0) await compact()
  const persist = async (changes: Parameters<DurableLog['append']>[0]) => {
    if (!changes.length) return
    await log.append(changes)
    if (log.journalBytes > compactAfter) void compact()
  }
  const close = async () => {
    await compacting
    await log.close()
    await unlock()
  }
  return { engine: { store, cursors, persist }, close }
}

/**
 * A server that speaks the MongoDB wire protocol (OP_MSG, and OP_QUERY for the legacy handshake),
 * so the official driver can be used where no MongoDB can be installed.
 */
export async function startMongoWireServer(options: MongoWireOptions = {}): Promise<MongoWireServer> {
  const commands = { ...builtIn, ...options.commands }
  const { engine, close } = await openEngine(options)
  const sockets = new Set<Socket>()
  let connections = 0

  const dispatch = async (command: Document, connectionId: number): Promise<Document> => {
    const name = Object.keys(command)[0] ?? ''
    const handler = commands[name]
    if (!handler) return commandNotFound(name)
    try {
      return await handler(command, { connectionId, engine })
    } catch (error) {
      return errorReply(error)
    }
  }

  const server: Server = createServer((socket) => {
    const connectionId = ++connections
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    let pending = Buffer.alloc(0)
    // Requests on one connection are answered in order, as MongoDB does.
    let queue = Promise.resolve()
    socket.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const message = pending.subarray(0, pending.readInt32LE(0))
        pending = pending.subarray(message.length)
        queue = queue.then(async () => {
          try {
            const request = decodeRequest(message)
            const reply = await dispatch(request.command, connectionId)
            if (!request.noReply && !socket.destroyed) socket.write(encodeReply(request, reply))
          } catch {
            socket.destroy() // a frame we cannot parse leaves the stream unusable
          }
        })
      }
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  })
  const { address, port } = server.address() as AddressInfo
  return {
    port,
    url: `mongodb://${address}:${port}/?directConnection=true`,
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
      await close()
    },
  }
}
