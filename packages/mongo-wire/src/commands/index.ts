import type { Document } from 'bson'
import { ErrorCode } from '../errors'
import { connectionCommands } from './connection'
import type { CommandHandler } from './context'
import { databaseCommands } from './databases'
import { indexCommands } from './indexes'
import { readCommands } from './reads'
import { writeCommands } from './writes'

/** Every command this server answers. */
export const commands: Record<string, CommandHandler> = {
  ...connectionCommands,
  ...databaseCommands,
  ...indexCommands,
  ...readCommands,
  ...writeCommands,
}

/** MongoDB's own answer to a command it does not know (code 59), so drivers raise the usual error. */
export const commandNotFound = (name: string): Document => ({
  ok: 0,
  errmsg: `no such command: '${name}'`,
  code: ErrorCode.CommandNotFound,
  codeName: 'CommandNotFound',
})

export type { CommandContext, CommandHandler, Engine } from './context'
