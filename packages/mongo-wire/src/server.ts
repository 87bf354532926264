import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type { Document } from 'bson'
import { commandNotFound, connectionCommands, type CommandHandler } from './commands'
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
  commands?: Record<string, CommandHandler>
}

/**
 * A server that speaks the MongoDB wire protocol (OP_MSG, and OP_QUERY for the legacy handshake),
 * so the official driver can connect where no MongoDB can be installed.
 */
export async function startMongoWireServer(options: MongoWireOptions = {}): Promise<MongoWireServer> {
  const commands = { ...connectionCommands, ...options.commands }
  const sockets = new Set<Socket>()
  let connections = 0

  const dispatch = async (command: Document, connectionId: number): Promise<Document> => {
    const name = Object.keys(command)[0] ?? ''
    const handler = commands[name]
    if (!handler) return commandNotFound(name)
    try {
      return await handler(command, { connectionId })
    } catch (error) {
      return {
        ok: 0,
        errmsg: error instanceof Error ? error.message : String(error),
        code: 1,
        codeName: 'InternalError',
      }
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
      pending = Buffer.concat([pending, chunk])
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
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
