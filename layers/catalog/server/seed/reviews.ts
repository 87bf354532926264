import type { ObjectId } from 'mongodb'
import type { ReviewDocument } from '../mongo/documents'
import type { ProductKind } from './draft'
import { demoId } from './ids'
import type { Random } from './random'

const FIRST_NAMES = ['Anna', 'Lukas', 'Sofia', 'Mateo', 'Emma', 'Noah', 'Lena', 'Jan', 'Chloé', 'Piet', 'Marta', 'Omar']
const TITLES: Record<number, string[]> = {
  5: ['Excellent', 'Love it', 'Exactly what I hoped for', 'Worth every cent', 'Highly recommended'],
  4: ['Very good', 'Really happy with it', 'Great, with one small gripe', 'Solid choice'],
  3: ['Decent', 'Does the job', 'Mixed feelings', 'Fine for the price'],
  2: ['Disappointing', 'Not quite right', 'Expected more'],
  1: ['Would not buy again', 'Poor', 'Sent it back'],
}

type Mood = 'happy' | 'mixed' | 'unhappy'
const COMMENTS: Record<ProductKind, Record<Mood, string[]>> = {
  electronics: {
    happy: [
      'Set up in five minutes and it has worked flawlessly since.',
      'Battery life is better than advertised.',
      'Feels far more premium than the price suggests.',
    ],
    mixed: ['Works well, though the companion app is clunky.', 'Good value, but it gets warm under load.'],
    unhappy: ['Stopped charging after three weeks.', 'The connection drops several times a day.'],
  },
  clothing: {
    happy: [
      'Fits true to size and the fabric feels lovely.',
      'Washed it several times and it still looks new.',
      'The colour is exactly as pictured.',
    ],
    mixed: ['Runs slightly large, so consider sizing down.', 'Nice fabric, but the sleeves are a little long.'],
    unhappy: ['The stitching came loose after two washes.', 'The colour looked quite different in person.'],
  },
  books: {
    happy: [
      'Could not put it down and finished it in a weekend.',
      'Beautifully written and clearly well researched.',
      'Already recommended it to three friends.',
    ],
    mixed: ['A strong start, but the middle drags.', 'Interesting ideas, uneven pacing.'],
    unhappy: ['The ending felt rushed.', 'Hard to get into, and I gave up halfway.'],
  },
}

/** Shop reviews lean positive; the weights give an average a little above four stars. */
const RATING_WEIGHTS = [4, 6, 12, 33, 45]

/** Demo reviews for one active product; `firstCounter` keeps review ids unique across the catalog. */
export function demoReviews(
  random: Random,
  product: { _id: ObjectId; kind: ProductKind; createdAt: Date },
  firstCounter: number,
): ReviewDocument[] {
  return Array.from({ length: random.int(0, 8) }, (_, index) => {
    const rating = random.weighted([1, 2, 3, 4, 5], RATING_WEIGHTS)
    const mood: Mood = rating >= 4 ? 'happy' : rating === 3 ? 'mixed' : 'unhappy'
    const comments = COMMENTS[product.kind][mood]
    const daysLater = random.int(2, 90)
    return {
      _id: demoId('reviews', firstCounter + index),
      productId: product._id,
      userId: null,
      authorName: `${random.pick(FIRST_NAMES)} ${String.fromCharCode(65 + random.int(0, 25))}.`,
      rating,
      title: random.pick(TITLES[rating] ?? []),
      comment: random.sample(comments, random.int(1, 2)).join(' '),
      verified: random.chance(0.5),
      // A few still wait for moderation: they must not count towards the product's rating.
      status: random.chance(0.05) ? 'pending' : 'approved',
      createdAt: new Date(product.createdAt.getTime() + daysLater * 86_400_000 + random.int(8, 22) * 3_600_000),
    }
  })
}
