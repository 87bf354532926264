declare module '#api-slices' {
  import type { SliceContract } from '../http/contract'

  /** Every route under /api that Nitro serves, with the contract its slice exports (if any). */
  const slices: { route: string; method: string; contract: SliceContract | undefined }[]
  export default slices
}
