/**
 * `npm run mongo:embedded -- --port 27017 --dir .data/mongo`: the server on its own, so mongosh,
 * Compass or any driver can connect to it. Without --dir the data lives in memory only.
 */
import { parseArgs } from 'node:util'
import { startMongoWireServer } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    dir: { type: 'string' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`mongo-wire: --port must be a port number, not ${values.port}`)
  process.exit(2)
}

try {
  const server = await startMongoWireServer({ host: values.host, port, dir: values.dir })
  console.log(`mongo-wire listening on ${server.url}${values.dir ? ` (data in ${values.dir})` : ' (in memory)'}`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
