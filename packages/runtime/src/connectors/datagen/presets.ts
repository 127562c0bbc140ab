import type { ConnectMap } from '../../records/connect-value.js'

/** mulberry32: a small, fast, seeded PRNG; `next()` in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ITEMS = ['keyboard', 'mouse', 'monitor', 'laptop', 'headset', 'webcam', 'cable', 'dock']
const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances']
const REGIONS = ['eu-west', 'us-east', 'us-west', 'ap-south']
const CITIES = ['Paris', 'Berlin', 'Austin', 'Seattle', 'Pune', 'Lisbon']
const EPOCH = 1_700_000_000_000

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1))

/** Record generators by preset name: record `index` depends only on the seed and the index. */
export const PRESETS: Readonly<Record<string, (r: Rand, index: number) => ConnectMap>> = {
  orders: (r, i) => ({
    order_id: i + 1, customer_id: `c-${int(r, 1, 500)}`, item: pick(r, ITEMS),
    price: Math.round(r() * 50_000) / 100 + 0.01, quantity: int(r, 1, 5), ordered_at: EPOCH + i * 1000,
  }),
  users: (r, i) => {
    const name = pick(r, NAMES)
    return {
      user_id: `u-${i + 1}`, name, email: `${name.toLowerCase()}${i + 1}@example.com`, region: pick(r, REGIONS),
      address: { city: pick(r, CITIES), zip: String(int(r, 10000, 99999)) }, registered_at: EPOCH + i * 60_000,
    }
  },
  pageviews: (r, i) => ({ viewtime: EPOCH + i * 100, user_id: `u-${int(r, 1, 1000)}`, page_id: `page-${int(r, 1, 100)}` }),
}
