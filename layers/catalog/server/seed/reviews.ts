import type { ObjectId } from 'mongodb'
import type { ReviewDocument } from '../mongo/documents'
import type { ProductKind } from './draft'
import { demoId } from './ids'
import type { DrawingName } from './images'
import type { Random } from './random'

const FIRST_NAMES = ['Anna', 'Lukas', 'Sofia', 'Mateo', 'Emma', 'Noah', 'Lena', 'Jan', 'Chloé', 'Piet', 'Marta', 'Omar']
/** A review as a shopper writes it: the title and the text agree. `{thing}` is what was bought. */
interface Written {
  title: string
  comment: string
}

const W = (title: string, comment: string): Written => ({ title, comment })

const REVIEWS: Record<ProductKind, Record<number, Written[]>> = {
  electronics: {
    5: [
      W('Excellent', 'Set up in five minutes and it has worked flawlessly since.'),
      W('Worth every cent', 'Feels far more premium than the price suggests. No regrets.'),
      W('Love it', 'I use this {thing} every day and it still makes me smile.'),
      W('Highly recommended', 'Bought a second one for my partner after a month with mine.'),
      W('Exactly what I hoped for', 'Does everything the description promises, and quietly.'),
      W('Best purchase this year', 'Replaced a model costing twice as much and I do not miss it.'),
    ],
    4: [
      W('Great, with one small gripe', 'Works really well, though the companion app is clunky.'),
      W('Very good', 'Solid build and easy to use. The box could be smaller.'),
      W('Really happy with it', 'Does what it says. Took a firmware update to get going.'),
      W('Solid choice', 'Good value for what you get, and delivery was quick.'),
      W('Nearly perfect', 'Only the short cable in the box keeps it from five stars.'),
      W('Good, not flawless', 'Gets a little warm after a few hours, otherwise great.'),
    ],
    3: [
      W('Does the job', 'Nothing special, nothing wrong. It works.'),
      W('Mixed feelings', 'Good when it works, but it needed two resets in the first week.'),
      W('Fine for the price', 'You get what you pay for: decent, not exceptional.'),
      W('Average', 'The setup instructions were confusing, the {thing} itself is fine.'),
    ],
    2: [
      W('Disappointing', 'The connection drops several times a day.'),
      W('Expected more', 'Feels cheap in the hand and the buttons rattle.'),
      W('Not quite right', 'Works, but far louder than the reviews led me to expect.'),
    ],
    1: [
      W('Sent it back', 'Stopped working after three weeks. The refund was quick, at least.'),
      W('Would not buy again', 'Dead on arrival, and the replacement had the same fault.'),
      W('Poor', 'Constant glitches from day one.'),
    ],
  },
  clothing: {
    5: [
      W('Excellent', 'Fits true to size and the fabric feels lovely.'),
      W('Love it', 'Washed it several times and it still looks new.'),
      W('Exactly as pictured', 'The colour is exactly as pictured, and the cut is flattering.'),
      W('Worth every cent', 'Well made, with proper seams and buttons that stay on.'),
      W('My new favourite', 'I have worn this {thing} every week since it arrived.'),
      W('Highly recommended', 'Comfortable from the first wear. Ordering another colour.'),
    ],
    4: [
      W('Great, with one small gripe', 'Lovely fabric, but the sleeves are a little long for me.'),
      W('Very good', 'Good quality for the price. Runs slightly large, so consider sizing down.'),
      W('Really happy with it', 'Comfortable and smart. Needed an iron after the first wash.'),
      W('Solid choice', 'A well-made {thing} that goes with everything I own.'),
      W('Nearly perfect', 'Fits well; the colour is a shade darker than on screen.'),
      W('Good buy', 'Warm enough for spring evenings and it packs small.'),
    ],
    3: [
      W('Decent', 'Nice enough, though the fabric is thinner than I expected.'),
      W('Fine for the price', 'Does the job; the fit is a bit boxy.'),
      W('Mixed feelings', 'Love the colour, less so how it creases.'),
      W('Okay', 'Sizing is inconsistent: I needed one size up.'),
    ],
    2: [
      W('Disappointing', 'The stitching came loose after two washes.'),
      W('Not quite right', 'The colour looked quite different in person.'),
      W('Expected more', 'Shrank noticeably in a cool wash.'),
    ],
    1: [
      W('Sent it back', 'Far too small, and the fabric felt scratchy.'),
      W('Poor', 'A seam split the first time I wore it.'),
      W('Would not buy again', 'Faded badly after a single wash.'),
    ],
  },
  books: {
    5: [
      W('Could not put it down', 'Finished it in a weekend and wanted more.'),
      W('Excellent', 'Beautifully written and clearly well researched.'),
      W('Highly recommended', 'Already recommended this {thing} to three friends.'),
      W('A new favourite', 'The characters stayed with me for days afterwards.'),
      W('Worth every page', 'Every chapter earns its place. A real gem.'),
      W('Loved it', 'Clever, warm and surprising to the last page.'),
    ],
    4: [
      W('Very good', 'Gripping for the most part; a couple of chapters drag.'),
      W('Really enjoyed it', 'A satisfying read, though I guessed the twist early.'),
      W('Great, with one small gripe', 'Wonderful writing, but the ending felt a little rushed.'),
      W('Solid read', 'Well paced and well told. I will read the next one.'),
      W('Recommended', 'Thoughtful and easy to read in short sittings.'),
      W('Good, not flawless', 'Strong ideas; the editing could have been tighter.'),
    ],
    3: [
      W('Mixed feelings', 'A strong start, but the middle drags.'),
      W('Decent', 'Interesting ideas, uneven pacing.'),
      W('Okay', 'Enjoyable enough, though I will not remember it for long.'),
      W('Fine for a holiday', 'Light reading that does what it sets out to do.'),
    ],
    2: [
      W('Disappointing', 'The ending felt rushed and left too much unexplained.'),
      W('Expected more', 'After all the praise, it was rather flat.'),
      W('Not for me', 'Hard to get into, and I gave up halfway.'),
    ],
    1: [
      W('Poor', 'The plot made no sense and the characters were thin.'),
      W('Would not read again', 'Dull from the first page to the last.'),
      W('Gave up', 'Could not get past the second chapter.'),
    ],
  },
}

/** What a shopper calls what they bought, by how the catalog draws it. */
export const THINGS: Record<DrawingName, string> = {
  jacket: 'jacket',
  coat: 'coat',
  shirt: 'shirt',
  tee: 'top',
  tank: 'top',
  dress: 'dress',
  sneaker: 'pair of sneakers',
  laptop: 'laptop',
  monitor: 'monitor',
  phone: 'phone',
  headphones: 'pair of headphones',
  earbuds: 'set of earbuds',
  speaker: 'speaker',
  portableSpeaker: 'speaker',
  soundbar: 'soundbar',
  smartSpeaker: 'speaker',
  book: 'book',
}

/** Shop reviews lean positive; the weights give an average a little above four stars. */
const RATING_WEIGHTS = [4, 6, 12, 33, 45]

/** Demo reviews for one active product; `firstCounter` keeps review ids unique across the catalog. */
export function demoReviews(
  random: Random,
  product: { _id: ObjectId; kind: ProductKind; createdAt: Date; thing: string },
  firstCounter: number,
): ReviewDocument[] {
  // Each product's reviews are written by different people: no text twice on one page.
  const unused = Object.fromEntries(
    Object.entries(REVIEWS[product.kind]).map(([rating, written]) => [rating, random.sample(written, written.length)]),
  )
  return Array.from({ length: random.int(0, 8) }, (_, index) => {
    const rating = random.weighted([1, 2, 3, 4, 5], RATING_WEIGHTS)
    const pool = unused[rating]!
    const written = pool.length > 1 ? pool.shift()! : pool[0]!
    const daysLater = random.int(2, 90)
    return {
      _id: demoId('reviews', firstCounter + index),
      productId: product._id,
      userId: null,
      authorName: `${random.pick(FIRST_NAMES)} ${String.fromCharCode(65 + random.int(0, 25))}.`,
      rating,
      title: written.title,
      comment: written.comment.replace('{thing}', product.thing),
      verified: random.chance(0.5),
      // A few still wait for moderation: they must not count towards the product's rating.
      status: random.chance(0.05) ? 'pending' : 'approved',
      createdAt: new Date(product.createdAt.getTime() + daysLater * 86_400_000 + random.int(8, 22) * 3_600_000),
    }
  })
}
