import { join } from 'node:path'
import { createStorage, type Storage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import memoryDriver from 'unstorage/drivers/memory'

/** Product images by path under `/images/catalog/`; the bytes live wherever the driver keeps them. */
export interface ImageStore {
  put(name: string, bytes: Buffer): Promise<void>
  get(name: string): Promise<Buffer | undefined>
  has(name: string): Promise<boolean>
}

export const IMAGE_URL_PREFIX = '/images/catalog/'

/** Files under `<dataDir>/images`, or memory when there is no data directory (tests). */
export function createImageStore(dataDir: string | undefined): ImageStore {
  const storage: Storage = createStorage({
    driver: dataDir ? fsDriver({ base: join(dataDir, 'images') }) : memoryDriver(),
  })
  return {
    put: (name, bytes) => storage.setItemRaw(name, bytes),
    get: async (name) => {
      const raw = await storage.getItemRaw<Buffer | Uint8Array>(name)
      return raw ? Buffer.from(raw) : undefined
    },
    has: (name) => storage.hasItem(name),
  }
}
