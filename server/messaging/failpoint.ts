// Named points where a fault test can kill the process (`SHOP_FAILPOINTS=relay-after-publish`),
// to prove that a crash there loses nothing. Read once; a no-op unless set.
const armed = new Set((process.env.SHOP_FAILPOINTS ?? '').split(',').filter(Boolean))

export function failpoint(name: 'relay-after-publish' | 'forwarded-before-cleared'): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL')
}
