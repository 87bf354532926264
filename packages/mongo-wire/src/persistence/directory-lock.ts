import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

const LOCK = 'mongo-wire.lock'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Claims a data directory for this process: two servers appending to one journal would destroy
 * it. A lock left by a process that died is taken over. Resolves with the release function.
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx')
      await file.writeFile(String(process.pid))
      await file.close()
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (holder && holder !== process.pid && alive(holder))
        throw new Error(`mongo-wire: ${dir} is in use by process ${holder}; one server per data directory`, {
          cause: error,
        })
      await rm(path, { force: true })
    }
  }
  throw new Error(`mongo-wire: could not lock ${dir}`)
}
