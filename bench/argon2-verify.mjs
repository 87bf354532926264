// Raw argon2id verification at the shop's parameters, as many at once as the shop allows: the
// ceiling the login scenario is measured against. Prints verifications per second.
import { hash, verify } from '@node-rs/argon2'

const seconds = Number(process.env.SECONDS ?? 10)
const concurrency = Number(process.env.CONCURRENCY ?? 1)
const password = 'a perfectly fine passphrase'
const stored = await hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 })
const run = async (until) => {
  let count = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await verify(stored, password)
        count++
      }
    }),
  )
  return count
}
await run(performance.now() + 2_000) // warm-up
const started = performance.now()
const count = await run(started + seconds * 1000)
process.stdout.write(`${JSON.stringify({ perSecond: count / ((performance.now() - started) / 1000) })}\n`)
