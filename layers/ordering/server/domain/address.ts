/** Where an order goes, or whom it is billed to, as the customer gave it. */
export interface Address {
  fullName: string
  line1: string
  line2: string | null
  city: string
  region: string | null
  postalCode: string
  /** ISO 3166-1 alpha-2, in capitals. */
  country: string
  phone: string | null
}
