// An open-loop latency probe: GETs a URL at a steady rate and prints the latency percentiles in
// milliseconds to the microsecond. It runs in its own process so that no other load generator
// shares its event loop (a flood's responses would otherwise delay when its answers are read).
// Usage: node latency-probe.mjs URL SECONDS RATE
import http from 'node:http'

const [url, seconds = '10', rate = '200'] = process.argv.slice(2)
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })

const get = () =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    http
      .get(url, { agent }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`))
        response.resume()
        response.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6))
      })
      .on('error', reject)
  })

async function probe(ms) {
  const latencies = []
  const pending = []
  const start = performance.now()
  for (let sent = 0; performance.now() - start < ms; sent++) {
    const wait = start + (sent * 1000) / Number(rate) - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(get().then((latency) => latencies.push(latency)))
  }
  await Promise.all(pending)
  return latencies.sort((a, b) => a - b)
}

await probe(2_000) // warm-up: connections, JIT
const sorted = await probe(Number(seconds) * 1000)
const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 100) / 100
process.stdout.write(`${JSON.stringify({ requests: sorted.length, p50: at(0.5), p99: at(0.99) })}\n`)
