import type { ObjectId } from 'mongodb'
import type { CategoryDocument } from '../mongo/documents'
import { slugify } from '../domain/slug'
import { demoId } from './ids'

interface CategoryNode {
  name: string
  description: string
  facets: string[]
  featured?: boolean
  children?: CategoryNode[]
}

const CLOTHING_FACETS = ['brand', 'size', 'color', 'material']
const BOOK_FACETS = ['author', 'publisher', 'language', 'format']

const TREE: CategoryNode[] = [
  {
    name: 'Electronics',
    description: 'Laptops, screens, sound and phones from brands that last.',
    facets: ['brand'],
    featured: true,
    children: [
      {
        name: 'Computers',
        description: 'Portable and desk computing, and the screens to go with it.',
        facets: ['brand', 'screen'],
        children: [
          {
            name: 'Laptops',
            description: 'Ultrabooks, creator machines and everyday laptops.',
            facets: ['brand', 'ram', 'storage', 'screen', 'color'],
            featured: true,
          },
          {
            name: 'Monitors',
            description: 'Office, creative and gaming monitors from 24 to 34 inches.',
            facets: ['brand', 'screen', 'resolution', 'refreshRate'],
          },
        ],
      },
      {
        name: 'Audio',
        description: 'Headphones and speakers for home, work and travel.',
        facets: ['brand', 'type', 'wireless'],
        featured: true,
        children: [
          {
            name: 'Headphones',
            description: 'Over-ear, on-ear and in-ear, wired or wireless.',
            facets: ['brand', 'type', 'wireless', 'noiseCancelling', 'color'],
            featured: true,
          },
          {
            name: 'Speakers',
            description: 'Portable, bookshelf and smart speakers, and soundbars.',
            facets: ['brand', 'type', 'wireless', 'color'],
          },
        ],
      },
      {
        name: 'Phones',
        description: 'Smartphones unlocked for every network.',
        facets: ['brand', 'storage'],
        children: [
          {
            name: 'Smartphones',
            description: 'Flagships, compact phones and great-value models.',
            facets: ['brand', 'storage', 'screen', 'camera'],
          },
        ],
      },
    ],
  },
  {
    name: 'Clothing',
    description: 'Well-made clothes and shoes in natural and recycled materials.',
    facets: CLOTHING_FACETS,
    featured: true,
    children: [
      {
        name: 'Men',
        description: 'Shirts and outerwear for every season.',
        facets: CLOTHING_FACETS,
        children: [
          { name: 'Shirts', description: 'Oxford, flannel, linen and more.', facets: CLOTHING_FACETS },
          { name: 'Jackets', description: 'Field jackets, coats and rainwear.', facets: CLOTHING_FACETS },
        ],
      },
      {
        name: 'Women',
        description: 'Dresses and tops, from everyday to occasion.',
        facets: CLOTHING_FACETS,
        children: [
          {
            name: 'Dresses',
            description: 'Wrap, midi, slip and shirt dresses.',
            facets: CLOTHING_FACETS,
            featured: true,
          },
          { name: 'Tops', description: 'T-shirts, blouses and knits.', facets: CLOTHING_FACETS },
        ],
      },
      {
        name: 'Shoes',
        description: 'Sneakers for city and trail.',
        facets: CLOTHING_FACETS,
        children: [
          {
            name: 'Sneakers',
            description: 'Runners, court and canvas sneakers.',
            facets: CLOTHING_FACETS,
            featured: true,
          },
        ],
      },
    ],
  },
  {
    name: 'Books',
    description: 'New fiction and non-fiction in print and as e-books.',
    facets: ['author', 'language', 'format'],
    featured: true,
    children: [
      {
        name: 'Fiction',
        description: 'Stories to get lost in.',
        facets: ['author', 'language', 'format'],
        children: [
          { name: 'Crime', description: 'Detectives, courtrooms and cold cases.', facets: BOOK_FACETS },
          {
            name: 'Science Fiction',
            description: 'Far futures, first contact and strange worlds.',
            facets: BOOK_FACETS,
            featured: true,
          },
        ],
      },
      {
        name: 'Non-fiction',
        description: 'History and science, well told.',
        facets: ['author', 'language', 'format'],
        children: [
          { name: 'History', description: 'The past through the lives of those who lived it.', facets: BOOK_FACETS },
          { name: 'Popular Science', description: 'Big ideas explained with care.', facets: BOOK_FACETS },
        ],
      },
    ],
  },
]

/** Categories parent first, so a parent is always written (and found) before its children. */
export function demoCategories(): CategoryDocument[] {
  const documents: CategoryDocument[] = []
  const visit = (nodes: CategoryNode[], parent: { _id: ObjectId; path: string[] } | null): void => {
    nodes.forEach((node, index) => {
      const slug = slugify(node.name)
      const path = parent ? [...parent.path, slug] : [slug]
      const document: CategoryDocument = {
        _id: demoId('categories', documents.length + 1),
        name: node.name,
        slug,
        description: node.description,
        parentId: parent?._id ?? null,
        path,
        level: path.length,
        sortOrder: index + 1,
        isActive: true,
        facets: [...node.facets],
        featured: node.featured ?? false,
      }
      documents.push(document)
      visit(node.children ?? [], document)
    })
  }
  visit(TREE, null)
  return documents
}
