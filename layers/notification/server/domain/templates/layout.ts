import type { Shop } from '../email-templates'
import { shopUrl, type Block, type Fact, type LineRow, type Message } from './message'

/*
 * The shop's look (assets/css/tokens.css), written inline: mail clients drop stylesheets. One
 * column of tables at most 600 px wide, full width on a phone; nothing a finger taps is under 44 px.
 */
const INK = '#15191c'
const MUTED = '#5a626b'
const SURFACE = '#ffffff'
const PAPER = '#f6f3ee' // --surface-2
const LINE = '#e2ddd4'
const BRAND = '#1f5b4b'
const ON_BRAND = '#ffffff'
// Inter when the reader has it (no client loads a web font reliably), then the Arial its fallback is shaped from.
const FONT = 'Inter, Arial, Helvetica, sans-serif'
const TEXT = `font-family:${FONT};font-size:16px;line-height:1.5;color:${INK};`
const SMALL = `font-size:14px;line-height:1.4;color:${MUTED};`

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text as HTML: safe between tags and inside a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!)

/** Only web links go into an email: a `javascript:` or `data:` URL there is never one of ours. */
function webUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new TypeError(`${JSON.stringify(url)} is not an http(s) URL`)
  return url
}

/** "Hello Ada," or, without a first name, "Hello,". */
export const greeting = (firstName: string): string => (firstName.trim() ? `Hello ${firstName.trim()},` : 'Hello,')

export function renderHtml(message: Message, shop: Shop, firstName: string): string {
  const home = webUrl(shopUrl(shop))
  const preview = message.blocks.find((block) => block.kind === 'paragraph')?.text ?? ''
  const body = [paragraphHtml(greeting(firstName)), ...message.blocks.map(blockHtml)].join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(message.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${PAPER};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${PAPER};">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;">
<tr><td style="padding:8px 12px 16px;font-family:${FONT};font-size:20px;line-height:1.2;font-weight:700;"><a href="${escapeHtml(home)}" style="color:${BRAND};text-decoration:none;">${escapeHtml(shop.name)}</a></td></tr>
<tr><td style="background-color:${SURFACE};border:1px solid ${LINE};border-radius:10px;padding:24px 20px;${TEXT}">
${body}
</td></tr>
<tr><td style="padding:16px 12px;font-family:${FONT};${SMALL}">You received this email about your account at <a href="${escapeHtml(home)}" style="color:${MUTED};">${escapeHtml(shop.name)}</a>.</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`
}

export function renderText(message: Message, shop: Shop, firstName: string): string {
  const parts = [greeting(firstName), ...message.blocks.map(blockText), `${shop.name}\n${shopUrl(shop)}`]
  return `${parts.join('\n\n')}\n`
}

const paragraphHtml = (text: string) => `<p style="margin:0 0 16px;">${escapeHtml(text)}</p>`

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return paragraphHtml(block.text)
    case 'action':
      return actionHtml(block.label, webUrl(block.url))
    case 'facts':
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">
${block.rows.map(factHtml).join('\n')}
</table>`
    case 'lines':
      return linesHtml(block.lines, block.totals)
  }
}

// A button that is a table cell, so Outlook draws it too; the link is also written out beneath it.
const actionHtml = (
  label: string,
  url: string,
) => `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
<tr><td style="background-color:${BRAND};border-radius:10px;"><a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;line-height:20px;font-weight:600;color:${ON_BRAND};text-decoration:none;">${escapeHtml(label)}</a></td></tr>
</table>
<p style="margin:0 0 16px;${SMALL}word-break:break-all;">Or open this link: <a href="${escapeHtml(url)}" style="color:${BRAND};">${escapeHtml(url)}</a></p>`

const CELL = `border-top:1px solid ${LINE};vertical-align:top;`

const factHtml = ({ label, value, strong }: Fact) =>
  `<tr><td style="${CELL}padding:8px 12px 8px 0;color:${MUTED};">${escapeHtml(label)}</td>` +
  `<td align="right" style="${CELL}padding:8px 0;text-align:right;word-break:break-word;${strong ? 'font-weight:700;' : ''}">${escapeHtml(value)}</td></tr>`

// Two columns, not five: a phone has room for the item (name, variant, quantity × unit price) and its total.
function linesHtml(lines: LineRow[], totals: Fact[]): string {
  const rows = lines.map(
    (line) =>
      `<tr><td style="${CELL}padding:12px 12px 12px 0;"><div style="font-weight:600;">${escapeHtml(line.name)}</div>` +
      (line.variantName ? `<div style="${SMALL}">${escapeHtml(line.variantName)}</div>` : '') +
      `<div style="${SMALL}">${line.quantity} × ${escapeHtml(line.unitPrice)}</div></td>` +
      `<td align="right" style="${CELL}padding:12px 0;text-align:right;white-space:nowrap;">${escapeHtml(line.lineTotal)}</td></tr>`,
  )
  const head = `font-weight:600;padding:0 0 8px;${SMALL}`
  return `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">
<thead><tr><th scope="col" align="left" style="${head}text-align:left;">Item</th><th scope="col" align="right" style="${head}text-align:right;">Total</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>
${totals.map(factHtml).join('\n')}
</tfoot>
</table>`
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text
    case 'action':
      return `${block.label}:\n${block.url}`
    case 'facts':
      return block.rows.map(factText).join('\n')
    case 'lines':
      return [
        ...block.lines.map(
          (line) =>
            `${line.name}${line.variantName ? `, ${line.variantName}` : ''}\n` +
            `${line.quantity} × ${line.unitPrice} = ${line.lineTotal}`,
        ),
        block.totals.map(factText).join('\n'),
      ].join('\n\n')
  }
}

const factText = ({ label, value }: Fact) => `${label}: ${value}`
