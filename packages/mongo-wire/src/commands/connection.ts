import type { CommandHandler } from './context'

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
