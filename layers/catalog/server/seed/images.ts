/**
 * The demo catalog's pictures: each product drawn as what it is (a jacket, a dress, a sneaker, a
 * laptop...), in the colour it is sold in, from up to three different views. SVG, drawn on an
 * 800 × 800 canvas with the item centred near (400, 330), moved to the middle when framed.
 *
 * In a drawing, class `b` is the item's colour, `d` a darker shade of it for seams and details, `l` a
 * lighter one, `k` near-black (screens, soles' tread), `w` off-white (soles, pages).
 */

/** A drawing and the point a close-up looks at. */
interface Drawing {
  parts: string
  focus: [number, number]
}

const D = (parts: string[], focus: [number, number] = [400, 330]): Drawing => ({ parts: parts.join(''), focus })

const DRAWINGS = {
  jacket: D(
    [
      '<path class="b" d="M305 150l-75 25-60 75-35 225 60 10 30-185v225h350V300l30 185 60-10-35-225-60-75-75-25-30 30h-130z"/>',
      '<path class="d" d="M305 150l35 50 60-15 60 15 35-50-30-22h-130z"/>',
      '<path class="d" d="M396 190h8v330h-8zM255 405h85v12h-85zM460 405h85v12h-85zM135 465l60 10-4 24-60-10zM665 465l-60 10 4 24 60-10z"/>',
    ],
    [400, 230],
  ),
  coat: D(
    [
      '<path class="b" d="M310 140l-80 25-55 80-35 250 60 10 30-190 5 250h330l5-250 30 190 60-10-35-250-55-80-80-25-90 130z"/>',
      '<path class="d" d="M310 140l90 130 90-130-25-10-65 95-65-95zM400 270l-40 60 40 10zM400 270l40 60-40 10z"/>',
      '<circle class="d" cx="375" cy="380" r="9"/><circle class="d" cx="425" cy="380" r="9"/>',
      '<circle class="d" cx="375" cy="450" r="9"/><circle class="d" cx="425" cy="450" r="9"/>',
    ],
    [400, 250],
  ),
  shirt: D(
    [
      '<path class="b" d="M315 150l-85 30-55 80-30 215 55 10 30-175v210h340V310l30 175 55-10-30-215-55-80-85-30-30 20h-110z"/>',
      '<path class="d" d="M315 150l30 60 55-35 55 35 30-60-30-22h-110zM395 180h10v340h-10z"/>',
      '<circle class="l" cx="400" cy="240" r="6"/><circle class="l" cx="400" cy="300" r="6"/>',
      '<circle class="l" cx="400" cy="360" r="6"/><circle class="l" cx="400" cy="420" r="6"/>',
      '<path class="d" d="M300 250h60v55h-60z" opacity=".35"/>',
    ],
    [400, 220],
  ),
  tee: D(
    [
      '<path class="b" d="M315 150l-115 45-60 95 75 35 35-55v250h300V270l35 55 75-35-60-95-115-45c-20 35-50 50-85 50s-65-15-85-50z"/>',
      '<path class="d" d="M315 150c20 35 50 50 85 50s65-15 85-50l15 6c-20 45-55 64-100 64s-80-19-100-64z"/>',
    ],
    [400, 190],
  ),
  tank: D(
    [
      '<path class="b" d="M320 140h-30c5 90-20 145-50 170v210h320V310c-30-25-55-80-50-170h-30c-5 60-35 95-80 95s-75-35-80-95z"/>',
      '<path class="d" d="M320 140c5 60 35 95 80 95s75-35 80-95h10c-4 70-40 107-90 107s-86-37-90-107z"/>',
    ],
    [400, 200],
  ),
  dress: D(
    [
      '<path class="b" d="M335 120h35c8 30 18 45 30 45s22-15 30-45h35l10 140 145 290H190l145-290z"/>',
      '<path class="d" d="M330 255h140l4 26H326z"/>',
      '<path class="d" d="M360 300l-60 245h-12l64-245zM440 300l60 245h12l-64-245z" opacity=".4"/>',
    ],
    [400, 250],
  ),
  sneaker: D(
    [
      '<path class="b" d="M170 455c0-65 30-125 75-140 25 25 70 35 115 20l100 55c55 25 150 30 185 60 15 13 20 25 20 40v5H170z"/>',
      '<path class="w" d="M160 485h520c10 0 15 8 12 18l-4 14c-2 8-10 13-19 13H178c-10 0-18-6-20-15l-4-14c-2-9 3-16 6-16z"/>',
      '<path class="k" d="M170 518h510v12H170z" opacity=".5"/>',
      '<path class="d" d="M245 315c25 25 70 35 115 20l20 12c-45 25-105 20-145-15zM560 430c40 10 75 25 95 45l-10 10c-25-20-55-35-90-42z"/>',
      '<path class="w" d="M375 350l-30 30M405 365l-30 30M435 380l-30 30M465 395l-30 30" stroke="#f4f1ea" stroke-width="9" stroke-linecap="round"/>',
    ],
    [400, 390],
  ),
  laptop: D(
    [
      '<rect class="b" x="190" y="150" width="420" height="290" rx="16"/>',
      '<rect class="k" x="212" y="172" width="376" height="246" rx="4"/>',
      '<path class="l" d="M230 190h150l-60 210h-90z" opacity=".18"/>',
      '<path class="b" d="M120 452h560l-28 48c-4 7-12 12-21 12H169c-9 0-17-5-21-12z"/>',
      '<path class="d" d="M350 452h100v10H350z"/>',
    ],
    [400, 300],
  ),
  monitor: D(
    [
      '<rect class="b" x="140" y="120" width="520" height="320" rx="14"/>',
      '<rect class="k" x="158" y="138" width="484" height="270" rx="4"/>',
      '<path class="l" d="M180 158h180l-80 230H180z" opacity=".18"/>',
      '<path class="b" d="M370 440h60l12 70h-84zM290 508h220c8 0 14 6 14 14H276c0-8 6-14 14-14z"/>',
    ],
    [400, 280],
  ),
  phone: D(
    [
      '<rect class="b" x="295" y="95" width="210" height="440" rx="38"/>',
      '<rect class="k" x="309" y="109" width="182" height="412" rx="28"/>',
      '<rect class="b" x="372" y="122" width="56" height="14" rx="7"/>',
      '<path class="l" d="M320 150h90l-70 330h-20z" opacity=".15"/>',
    ],
    [400, 200],
  ),
  headphones: D(
    [
      '<path d="M240 420v-90a160 160 0 0 1 320 0v90" fill="none" class="s" stroke-width="30" stroke-linecap="round"/>',
      '<rect class="d" x="250" y="395" width="26" height="90" rx="8"/><rect class="d" x="524" y="395" width="26" height="90" rx="8"/>',
      '<rect class="b" x="185" y="370" width="90" height="160" rx="40"/><rect class="b" x="525" y="370" width="90" height="160" rx="40"/>',
      '<rect class="l" x="205" y="395" width="20" height="110" rx="10" opacity=".5"/>',
      '<rect class="l" x="575" y="395" width="20" height="110" rx="10" opacity=".5"/>',
    ],
    [560, 420],
  ),
  earbuds: D(
    [
      '<rect class="b" x="250" y="330" width="300" height="190" rx="90"/>',
      '<path class="d" d="M250 410h300v8H250z"/>',
      '<circle class="l" cx="400" cy="460" r="8"/>',
      '<path class="b" d="M300 150a55 55 0 1 1 60 90l-5 80h-40l5-80a55 55 0 0 1-20-90z"/>',
      '<path class="b" d="M440 170a55 55 0 1 1 60 90l-5 80h-40l5-80a55 55 0 0 1-20-90z"/>',
      '<circle class="d" cx="335" cy="195" r="20"/><circle class="d" cx="475" cy="215" r="20"/>',
    ],
    [400, 220],
  ),
  speaker: D(
    [
      '<rect class="b" x="285" y="110" width="230" height="420" rx="30"/>',
      '<circle class="d" cx="400" cy="225" r="55"/><circle class="k" cx="400" cy="225" r="22" opacity=".6"/>',
      '<circle class="d" cx="400" cy="405" r="85"/><circle class="k" cx="400" cy="405" r="35" opacity=".6"/>',
    ],
    [400, 405],
  ),
  portableSpeaker: D(
    [
      '<rect class="b" x="170" y="240" width="460" height="210" rx="105"/>',
      '<path class="d" d="M230 262h340v166H230z" opacity=".35"/>',
      '<circle class="d" cx="240" cy="345" r="60"/><circle class="d" cx="560" cy="345" r="60"/>',
      '<rect class="k" x="350" y="455" width="100" height="12" rx="6" opacity=".6"/>',
    ],
    [240, 345],
  ),
  soundbar: D(
    [
      '<rect class="b" x="90" y="290" width="620" height="100" rx="40"/>',
      '<path class="d" d="M130 310h540v60H130z" opacity=".35"/>',
      '<circle class="l" cx="400" cy="340" r="8"/>',
    ],
    [180, 340],
  ),
  smartSpeaker: D(
    [
      '<rect class="b" x="300" y="150" width="200" height="380" rx="60"/>',
      '<path class="d" d="M300 240h200v230H300z" opacity=".35"/>',
      '<ellipse class="l" cx="400" cy="170" rx="70" ry="12"/>',
    ],
    [400, 190],
  ),
  book: D(
    [
      '<path class="w" d="M270 128h300v410H270z"/>',
      '<rect class="b" x="250" y="110" width="300" height="420" rx="8"/>',
      '<rect class="d" x="250" y="110" width="34" height="420" rx="6"/>',
      '<path class="l" d="M310 170h210v4H310zM310 470h210v4H310z"/>',
    ],
    [400, 250],
  ),
} satisfies Record<string, Drawing>

export type DrawingName = keyof typeof DRAWINGS

/** What a product is, from the category it sits in and, where one category holds several kinds, its name. */
export function drawingOf(leaf: string, name: string): DrawingName {
  const has = (word: string) => name.toLowerCase().includes(word)
  switch (leaf) {
    case 'laptops':
      return 'laptop'
    case 'monitors':
      return 'monitor'
    case 'smartphones':
      return 'phone'
    case 'headphones':
      return has('earbuds') ? 'earbuds' : 'headphones'
    case 'speakers':
      if (has('portable')) return 'portableSpeaker'
      if (has('soundbar')) return 'soundbar'
      return has('smart') ? 'smartSpeaker' : 'speaker'
    case 'shirts':
      return 'shirt'
    case 'jackets':
      return has('overcoat') ? 'coat' : 'jacket'
    case 'tops':
      return has('tank') || has('camisole') ? 'tank' : has('shirt') && !has('t-shirt') ? 'shirt' : 'tee'
    case 'dresses':
      return 'dress'
    case 'sneakers':
      return 'sneaker'
    default:
      return 'book'
  }
}

/** The colours products are sold in, as a shopper would pick them from a swatch. */
export const COLOURS: Record<string, string> = {
  Black: '#1f1f22',
  White: '#f7f6f2',
  'Off-White': '#eeeae0',
  Ivory: '#f3ecd9',
  Grey: '#8b8e93',
  'Grey Marl': '#a7a6a2',
  Charcoal: '#3a3d42',
  Navy: '#1f2d4d',
  'Light Blue': '#a8c5e6',
  Cobalt: '#1f4fb4',
  'Midnight Blue': '#1d2545',
  Teal: '#1d7872',
  Sage: '#9cae8a',
  Olive: '#6b6a37',
  Stone: '#cbbfa9',
  Sand: '#d9c7a1',
  Tan: '#c49d72',
  Camel: '#c19a6b',
  Mustard: '#d3a52a',
  Rust: '#a4491f',
  Terracotta: '#c6643f',
  Coral: '#ef7a63',
  'Dusty Rose': '#cb9c9b',
  Burgundy: '#6c1f30',
  'Space Grey': '#5d6068',
  Silver: '#c9cdd2',
}

/** Colours for products sold in one colour, so a shelf of them is not all the same grey. */
const UNNAMED = {
  electronics: ['#2b2d31', '#5d6068', '#c9cdd2', '#1d2545'],
  book: ['#1f4f6b', '#7a2e2e', '#2f5d46', '#c2802c', '#40375e', '#b04a3a', '#245e73', '#6b5b2e'],
}

const hex = (value: number) =>
  Math.round(Math.min(255, Math.max(0, value)))
    .toString(16)
    .padStart(2, '0')
const channels = (colour: string) => [1, 3, 5].map((start) => parseInt(colour.slice(start, start + 2), 16))
/** Towards black (amount < 0) or white (amount > 0). */
function mix(colour: string, amount: number): string {
  const target = amount < 0 ? 0 : 255
  return `#${channels(colour)
    .map((channel) => hex(channel + (target - channel) * Math.abs(amount)))
    .join('')}`
}
const lightness = (colour: string) => {
  const [r, g, b] = channels(colour) as [number, number, number]
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** FNV-1a: a stable choice per product, so its pictures stay the same across reseeds. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 0x01000193)
  return value >>> 0
}

/** Up to three lines of about `width` characters: long names wrap instead of running off the picture. */
function wrap(text: string, width = 26): string[] {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1]
    if (last !== undefined && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines.length > 3
    ? [
        ...lines.slice(0, 2),
        `${lines
          .slice(2)
          .join(' ')
          .slice(0, width - 2)}…`,
      ]
    : lines
}

const textBlock = (lines: string[], x: number, top: number, size: number, step: number, fill: string, extra = '') =>
  `<text x="${x}" y="${top}" text-anchor="middle" font-family="system-ui,sans-serif" font-size="${size}" fill="${fill}"${extra}>` +
  lines.map((line, index) => `<tspan x="${x}" dy="${index === 0 ? 0 : step}">${escapeXml(line)}</tspan>`).join('') +
  '</text>'

/**
 * Three views that differ as a shop's photographs do: the whole item, a close-up of
 * its telling detail, and the item set down on a surface, turned a little.
 */
function framed(drawing: Drawing, view: number, body: string): string {
  const backdrop = lightness(body) > 0.8 ? '#e6e2da' : '#f3f0ea'
  switch ((view - 1) % 3) {
    case 1: {
      const [x, y] = drawing.focus
      return (
        `<rect width="800" height="800" fill="${mix(backdrop, -0.04)}"/>` +
        `<g transform="translate(400 400) scale(2.1) translate(${-x} ${-y})">${drawing.parts}</g>`
      )
    }
    case 2:
      return (
        `<rect width="800" height="800" fill="${mix(backdrop, 0.4)}"/>` +
        `<rect y="560" width="800" height="240" fill="${mix(backdrop, -0.08)}"/>` +
        '<ellipse cx="400" cy="575" rx="250" ry="22" fill="#000" opacity=".12"/>' +
        `<g transform="translate(400 560) rotate(-7) scale(.82) translate(-400 -530)">${drawing.parts}</g>`
      )
    default:
      // No caption: the page prints the name beside the picture, and text is the costliest thing an SVG draws.
      return `<rect width="800" height="800" fill="${backdrop}"/><g transform="translate(0 70)">${drawing.parts}</g>`
  }
}

export interface ImageSubject {
  slug: string
  name: string
  /** The level-3 category the product sits in. */
  leaf: string
  /** The colour this picture shows, when the product comes in named colours. */
  colour?: string
  /** For a book, printed on its cover. */
  author?: string
}

export function productImage(subject: ImageSubject, view: number): string {
  const name = drawingOf(subject.leaf, subject.name)
  const drawing = DRAWINGS[name]
  const palette = name === 'book' ? UNNAMED.book : UNNAMED.electronics
  const body = (subject.colour && COLOURS[subject.colour]) || palette[hash(subject.slug) % palette.length]!
  const light = lightness(body) > 0.8
  const cover =
    name === 'book'
      ? textBlock(wrap(subject.name, 14), 415, 220, 30, 38, '#fbf8f0', ' font-weight="600"') +
        (subject.author ? textBlock([subject.author], 415, 480, 22, 0, '#fbf8f0') : '')
      : ''
  const styles = [
    `.b{fill:${body}}`,
    `.d{fill:${mix(body, light ? -0.18 : -0.35)}}`,
    `.l{fill:${mix(body, 0.45)}}`,
    `.s{stroke:${mix(body, light ? -0.1 : 0)}}`,
    '.k{fill:#1b1d22}.w{fill:#f4f1ea;stroke:#c9c2b6;stroke-width:2}',
    // A white garment on a pale ground needs an edge to be seen.
    light ? '.b{stroke:#bdb7ab;stroke-width:3}' : '',
  ].join('')
  const label = [subject.name, subject.colour].filter(Boolean).join(', ')
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800"',
    ' role="img" aria-labelledby="t">',
    `<title id="t">${escapeXml(label)}, view ${view}</title>`,
    `<style>${styles}</style>`,
    framed({ ...drawing, parts: drawing.parts + cover }, view, body),
    '</svg>',
  ].join('')
}
