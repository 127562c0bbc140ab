/** The most recent `capacity` ids, for dropping tweets seen both in a backfill and on the stream. */
export class BoundedIdSet {
  readonly #ids = new Set<string>()
  readonly #order: string[] = []
  #head = 0

  constructor(readonly capacity: number) {}

  has(id: string): boolean {
    return this.#ids.has(id)
  }

  /** Adds `id`; forgets the oldest id once full. Returns false when `id` was already there. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false
    if (this.#order.length < this.capacity) {
      this.#order.push(id)
    } else {
      const oldest = this.#order[this.#head]
      if (oldest !== undefined) this.#ids.delete(oldest)
      this.#order[this.#head] = id
      this.#head = (this.#head + 1) % this.capacity
    }
    this.#ids.add(id)
    return true
  }

  get size(): number {
    return this.#ids.size
  }
}
