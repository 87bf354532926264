// A bare node:http server that answers every request with one recorded answer (headers and body):
// what the load generator and the kernel alone allow for an answer of that size.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

const { headers, body } = JSON.parse(readFileSync(process.env.ANSWER_FILE, 'utf8'))
const bytes = Buffer.from(body, 'base64')
createServer((_req, res) => {
  res.writeHead(200, headers)
  res.end(bytes)
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'))
