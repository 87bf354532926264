import { h, type FunctionalComponent } from 'vue'
import { ratingText } from '../../composables/formats'

const MAX_STARS = 5

/**
 * Stars out of five: an average with its number of reviews, or one review's rating. A functional
 * component: it keeps no state, and a page shows one per review or product card.
 */
const CatalogRating: FunctionalComponent<{ value: number; count?: number }> = ({ value, count }) => {
  if (count === 0) return h('span', { class: 'rating rating--none' }, 'No reviews yet')
  // Stars in halves: 4.6 shows four and a half, never five.
  const halves = Math.min(MAX_STARS * 2, Math.max(0, Math.round(value * 2)))
  const number = ratingText(value)
  const outOf = `${number} out of ${MAX_STARS}`
  // Drawn by CSS (a star-shaped mask), not as '★' text: no font the page loads has that glyph, and
  // hunting the system's fonts for one costs a phone a slow first layout.
  const parts = [
    h('span', { class: 'rating__stars' }, [h('span', { class: `rating__filled rating__filled--${halves}` })]),
    h('span', { class: 'rating__value' }, number),
  ]
  if (count !== undefined) parts.push(h('span', { class: 'rating__count' }, `(${count})`))
  // One image with one name: a screen reader says "4.5 out of 5, 12 reviews", not ten star characters.
  const label = count === undefined ? outOf : `${outOf}, ${count} ${count === 1 ? 'review' : 'reviews'}`
  return h('span', { class: 'rating', role: 'img', 'aria-label': label }, parts)
}
CatalogRating.props = ['value', 'count']

export default CatalogRating
