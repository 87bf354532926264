import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
}

export type Mailer = (mail: OutgoingMail) => Promise<void>

/**
 * Until the notification module sends email, identity's mail (confirmation and reset links) is
 * written as JSON files under DATA_DIR/mailbox, never to the log: the links are secrets.
 */
export function devMailbox(dataDir: string): Mailer {
  const folder = join(dataDir, 'mailbox')
  return async (mail) => {
    await mkdir(folder, { recursive: true, mode: 0o700 })
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.hrtime.bigint()}.json`
    await writeFile(join(folder, name), JSON.stringify({ ...mail, sentAt: new Date().toISOString() }, null, 2), {
      mode: 0o600,
    })
  }
}
