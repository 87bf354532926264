/** Silhouettes on the 800 × 800 canvas, centred near y 330 to leave room for the name; class `a` marks details. */
const SHAPES: Record<string, string[]> = {
  laptop: [
    '<rect x="190" y="150" width="420" height="290" rx="16"/>',
    '<rect x="215" y="175" width="370" height="240" class="a"/>',
    '<path d="M130 460h540l-40 50H170z"/>',
  ],
  monitor: [
    '<rect x="150" y="130" width="500" height="310" rx="14"/>',
    '<rect x="170" y="150" width="460" height="270" class="a"/>',
    '<path d="M370 440h60v70h-60zM300 510h200v20H300z"/>',
  ],
  phone: [
    '<rect x="300" y="110" width="200" height="410" rx="32"/>',
    '<rect x="315" y="140" width="170" height="350" rx="14" class="a"/>',
  ],
  headphones: [
    '<path d="M250 420v-80a150 150 0 0 1 300 0v80" fill="none" stroke="currentColor" stroke-width="28"/>',
    '<rect x="210" y="380" width="80" height="140" rx="26"/>',
    '<rect x="510" y="380" width="80" height="140" rx="26"/>',
  ],
  speaker: [
    '<rect x="290" y="120" width="220" height="410" rx="28"/>',
    '<circle cx="400" cy="230" r="50" class="a"/>',
    '<circle cx="400" cy="410" r="80" class="a"/>',
  ],
  shirt: ['<path d="M320 140l-140 70 40 100 60-30v250h240V280l60 30 40-100-140-70c-10 40-40 60-80 60s-70-20-80-60z"/>'],
  dress: ['<path d="M345 130h110l-10 120 140 290H215l140-290z"/>', '<path d="M355 250h90v24h-90z" class="a"/>'],
  shoe: [
    '<path d="M170 470c0-70 20-150 60-170 40 30 100 40 150 20l90 60c60 30 150 40 170 90v20H170z"/>',
    '<rect x="160" y="490" width="500" height="34" rx="12" class="a"/>',
  ],
  book: [
    '<rect x="260" y="110" width="300" height="420" rx="10"/>',
    '<rect x="260" y="110" width="42" height="420" rx="6" class="a"/>',
    '<path d="M340 200h170v14H340zM340 236h120v10H340z" class="a"/>',
  ],
}

const LEAF_SHAPES: Record<string, string> = {
  laptops: 'laptop',
  monitors: 'monitor',
  smartphones: 'phone',
  headphones: 'headphones',
  speakers: 'speaker',
  shirts: 'shirt',
  jackets: 'shirt',
  tops: 'shirt',
  dresses: 'dress',
  sneakers: 'shoe',
}

/** Each extra view is a close-up or a turned angle, so a gallery does not show one picture thrice. */
const VIEWS = [
  { lightness: 90, transform: '' },
  { lightness: 84, transform: ' transform="translate(400 330) scale(1.2) translate(-400 -330)"' },
  { lightness: 94, transform: ' transform="rotate(-8 400 330)"' },
]

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** FNV-1a: a stable hue per product, so its pictures keep their colour across reseeds. */
function hue(text: string): number {
  let hash = 0x811c9dc5
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193)
  return (hash >>> 0) % 360
}

/** Up to three lines of about 26 characters: long names wrap instead of running off the picture. */
function wrap(text: string): string[] {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1]
    if (last !== undefined && (last + ' ' + word).length <= 26) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines.length > 3 ? [...lines.slice(0, 2), `${lines.slice(2).join(' ').slice(0, 24)}…`] : lines
}

export function productImage(slug: string, name: string, leaf: string, view: number): string {
  const h = hue(slug)
  const { lightness, transform } = VIEWS[(view - 1) % VIEWS.length] ?? { lightness: 90, transform: '' }
  const shape = (SHAPES[LEAF_SHAPES[leaf] ?? 'book'] ?? []).join('')
  const lines = wrap(name)
  // Three lines start higher so the last one stays clear of the bottom edge.
  const textTop = lines.length > 2 ? 618 : 640
  const ink = `hsl(${h},35%,18%)`
  const tspans = lines
    .map((line, index) => `<tspan x="400" dy="${index === 0 ? 0 : 44}">${escapeXml(line)}</tspan>`)
    .join('')
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800"',
    ' role="img" aria-labelledby="t">',
    `<title id="t">${escapeXml(name)}, view ${view}</title>`,
    `<style>.a{fill:hsl(${h},45%,72%)}</style>`,
    `<rect width="800" height="800" fill="hsl(${h},40%,${lightness}%)"/>`,
    `<g fill="hsl(${h},30%,32%)" color="hsl(${h},30%,32%)"${transform}>${shape}</g>`,
    `<text x="400" y="${textTop}" text-anchor="middle" font-family="system-ui,sans-serif" font-size="36"`,
    ` fill="${ink}">${tspans}</text>`,
    '</svg>',
  ].join('')
}
