import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{server,layers,packages,modules,scripts,test}/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    pool: 'forks',
    // Fault tests restart the shared RabbitMQ; files run one at a time so no other suite sees it.
    fileParallelism: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    // A poll waits for what a consumer, relay or socket does next, which a busy 2-core runner can
    // delay by seconds: the test asserts that it happens, never how fast (vitest's default is 1 s).
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
  },
})
