import type { EmailTemplate, Shop, TemplateName } from '../email-templates'
import type { Formats } from './format'

/**
 * What a template writes: a subject and a few blocks of plain text. The layout turns the same
 * blocks into the HTML part (escaping every string in them) and the text part, so a template never
 * writes markup and the two parts cannot say different things.
 */
export interface Message {
  subject: string
  blocks: Block[]
}

export type Block =
  | { kind: 'paragraph'; text: string }
  /** A button in HTML, the label and the URL on lines of their own in text. */
  | { kind: 'action'; label: string; url: string }
  /** Label and value pairs: an order's number, a carrier, a tracking number. */
  | { kind: 'facts'; rows: Fact[] }
  /** An order's lines, then its totals. */
  | { kind: 'lines'; lines: LineRow[]; totals: Fact[] }

export interface Fact {
  label: string
  value: string
  strong?: boolean
}

/** An order line with its amounts already written in the recipient's locale. */
export interface LineRow {
  name: string
  variantName: string | null
  quantity: number
  unitPrice: string
  lineTotal: string
}

/** What every template is given besides its own input. */
export interface TemplateContext {
  shop: Shop
  format: Formats
}

/** The input of one template: `Input<'shipped'>` has its order, carrier and tracking number. */
export type Input<N extends TemplateName> = Extract<EmailTemplate, { template: N }>

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text })

export const action = (label: string, url: string): Block => ({ kind: 'action', label, url })

/** The shop's address without a trailing slash, so paths can be appended to it. */
export const shopUrl = (shop: Shop): string => shop.publicUrl.replace(/\/+$/, '')
