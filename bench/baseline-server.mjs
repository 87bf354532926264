// The baseline every benchmark ratio is divided by: the most plain Node serves here.
import { createServer } from 'node:http'

const body = JSON.stringify({ ok: true, service: 'baseline' })
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'))
