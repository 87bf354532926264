import type { Document } from 'bson'

export interface CommandContext {
  connectionId: number
}

export type CommandHandler = (command: Document, context: CommandContext) => Document | Promise<Document>

/** MongoDB's own answer to a command it does not know (code 59), so drivers raise the usual error. */
export const commandNotFound = (name: string): Document => ({
  ok: 0,
  errmsg: `no such command: '${name}'`,
  code: 59,
  codeName: 'CommandNotFound',
})

// Wire version 17 is MongoDB 6.0: new enough for every current driver, old enough to be honest
// about the features this server has.
const hello: CommandHandler = (_command, { connectionId }) => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId,
  minWireVersion: 0,
  maxWireVersion: 17,
  readOnly: false,
  ok: 1,
})

const buildInfo: CommandHandler = () => ({
  version: '6.0.0',
  versionArray: [6, 0, 0, 0],
  gitVersion: 'mongo-wire',
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  ok: 1,
})

/** Handshake and session commands every driver sends before any data command. */
export const connectionCommands: Record<string, CommandHandler> = {
  hello,
  ismaster: hello,
  isMaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  endSessions: () => ({ ok: 1 }),
}
