/**
 * The contacts of a report basis, kept in columns: a million contacts must fold in well under
 * 200 MB. One object and one id string per contact (plus a Map entry) cost about 300 bytes each;
 * here a contact costs about 60: its UUID as four 32-bit words in an open-addressing table, its
 * position and recording instant as numbers, and indexes into tables of the values that repeat
 * (dates, categories, ids); lists of two or more ids go into one shared array of numbers. Readers
 * get a small view object per contact.
 * Pure: no I/O, no clock, no locale.
 */
import type { ContactCategory } from '../domain/values.js'

// ---------------------------------------------------------------------------------------------
// model

/** One contact as the reports see it (as corrected; `retracted` is the retraction's position). */
export interface ContactBasis {
  readonly contactId: string
  readonly organisationIds: ReadonlyArray<string>
  readonly personIds: ReadonlyArray<string>
  readonly occurredOn: string
  readonly category: ContactCategory
  readonly position: number
  /** When it was recorded (ISO instant), to show late entries (rule 14). */
  readonly recordedAt: string
  /** Positions of its corrections, in log order. */
  readonly corrections: ReadonlyArray<number>
  readonly retracted?: number
}

/**
 * The contacts of a basis, read-only, in the order they were first recorded. The contacts it
 * gives read their fields from the table's columns (getters): copy a field by name, as spreading
 * one (`{ ...contact }`) copies none.
 */
export interface ContactTable {
  readonly size: number
  readonly get: (contactId: string) => ContactBasis | undefined
  readonly values: () => IterableIterator<ContactBasis>
}

/** What a recording or a correction sets. */
export interface ContactFields {
  readonly organisationIds: ReadonlyArray<string>
  readonly personIds: ReadonlyArray<string>
  readonly occurredOn: string
  readonly category: ContactCategory
}

/** The table as the fold fills it. */
export interface ContactTableWriter extends ContactTable {
  /** Records a contact (a second recording of the same id replaces the first, in its place). */
  readonly record: (contactId: string, fields: ContactFields, position: number, recordedAt: string) => void
  /** Applies a correction's changed fields; unknown contacts are ignored. */
  readonly correct: (contactId: string, changes: Partial<ContactFields>, position: number) => void
  /** Marks a contact retracted at a position (the first retraction counts). */
  readonly retract: (contactId: string, position: number) => void
}

// ---------------------------------------------------------------------------------------------
// utils

const NO_IDS: ReadonlyArray<string> = Object.freeze([])
const NO_POSITIONS: ReadonlyArray<number> = Object.freeze([])

const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1)

/**
 * A lowercase canonical UUID as four 32-bit words into `out` at `at`; false for anything else
 * (those ids are kept as strings beside the table).
 */
const uuidWords = (s: string, out: Uint32Array, at: number): boolean => {
  if (s.length !== 36 || s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45) return false
  let word = 0
  let digits = 0
  let k = at
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue
    const v = hexValue(s.charCodeAt(i))
    if (v < 0) return false
    word = ((word << 4) | v) >>> 0
    if (++digits === 8) {
      out[k++] = word
      word = 0
      digits = 0
    }
  }
  return true
}

const hex8 = (w: number): string => w.toString(16).padStart(8, '0')
const uuidOf = (w: Uint32Array, at: number): string => {
  const a = hex8(w[at]!)
  const b = hex8(w[at + 1]!)
  const c = hex8(w[at + 2]!)
  const d = hex8(w[at + 3]!)
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
}

const hashWords = (w: Uint32Array, at: number): number =>
  Math.imul(w[at]! ^ Math.imul(w[at + 1]!, 0x85ebca6b) ^ Math.imul(w[at + 2]!, 0xc2b2ae35) ^ Math.imul(w[at + 3]!, 0x27d4eb2f), 0x9e3779b1) >>> 0

const digits = (s: string, from: number, n: number): number => {
  let v = 0
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    v = v * 10 + d
  }
  return v
}

/**
 * Milliseconds of an instant written as `toISOString` writes it (`YYYY-MM-DDTHH:mm:ss.sssZ`,
 * year 0000–9999), or NaN for any other text, which the table then keeps as it is.
 */
const isoMillis = (s: string): number => {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.' || s[23] !== 'Z') return Number.NaN
  const [y, mo, d, h, mi, sec, ms] = [digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2), digits(s, 20, 3)]
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return Number.NaN
  const t = new Date(0)
  t.setUTCFullYear(y, mo - 1, d)
  t.setUTCHours(h, mi, sec, ms)
  return t.getUTCDate() === d ? t.getTime() : Number.NaN // 2024-02-30 is not a date
}

/** Interned values: each distinct one (by its key) gets a small number. */
interface Interned<A> {
  readonly values: A[]
  /** The number of the value with this key, making it (once) when it is new. */
  readonly put: (key: string, make: () => A) => number
}

/** Interns values: each distinct one gets a small number. */
const internTable = <A>(): Interned<A> => {
  const index = new Map<string, number>()
  const values: A[] = []
  return {
    values,
    put: (key, make) => {
      let i = index.get(key)
      if (i === undefined) {
        i = values.length
        values.push(make())
        index.set(key, i)
      }
      return i
    },
  }
}

/** Rows to start with: a power of two from 1,024 up to 4,194,304 (beyond, the columns grow). */
const initialCapacity = (expected: number): number => {
  let n = 1024
  while (n < expected && n < 1 << 22) n *= 2
  return n
}

const grown = <T extends Float64Array | Uint32Array>(xs: T, make: (n: number) => T): T => {
  const next = make(xs.length * 2)
  next.set(xs)
  return next
}

/** The table's columns (replaced as they grow, so views read them through this object). */
interface Columns {
  count: number
  capacity: number
  position: Float64Array
  recorded: Float64Array
  /**
   * Per row: occurredOn, category (indexes into texts), organisationIds, personIds (each a list
   * reference, see `listRef`).
   */
  fields: Uint32Array
  /** Per row: the contact id's UUID as four words. */
  idWords: Uint32Array
  /** Rows whose id is not a lowercase UUID. */
  readonly otherIds: Map<number, string>
  /** Rows whose instant `toISOString` would not give back as written. */
  readonly otherInstants: Map<number, string>
  readonly corrections: Map<number, number[]>
  readonly retracted: Map<number, number>
  readonly texts: Interned<string>
  /** The lists of no or one id, shared: `[]`, then `[id]` per id. */
  readonly short: Interned<ReadonlyArray<string>>
  /** Lists of two or more ids: a length, then that many indexes into texts. */
  long: Uint32Array
  longUsed: number
}

/**
 * A list of ids as a number: `2k` for the shared short list `k`, `2k + 1` for the long list at
 * offset `k` of `long` (so a contact with one organisation costs no list of its own).
 */
const listOf = (c: Columns, ref: number): ReadonlyArray<string> => {
  if ((ref & 1) === 0) return c.short.values[ref >>> 1]!
  const at = ref >>> 1
  const n = c.long[at]!
  const out = new Array<string>(n)
  for (let i = 0; i < n; i++) out[i] = c.texts.values[c.long[at + 1 + i]!]!
  return out
}

/**
 * A contact read from the columns when asked: one small object per contact read, its fields on
 * the shared prototype (an object literal with a getter would give every contact a hidden class).
 */
class ContactView implements ContactBasis {
  constructor(
    private readonly c: Columns,
    private readonly row: number,
  ) {}
  get contactId(): string {
    return this.c.otherIds.get(this.row) ?? uuidOf(this.c.idWords, this.row * 4)
  }
  get organisationIds(): ReadonlyArray<string> {
    return listOf(this.c, this.c.fields[this.row * 4 + 2]!)
  }
  get personIds(): ReadonlyArray<string> {
    return listOf(this.c, this.c.fields[this.row * 4 + 3]!)
  }
  get occurredOn(): string {
    return this.c.texts.values[this.c.fields[this.row * 4]!]!
  }
  get category(): ContactCategory {
    return this.c.texts.values[this.c.fields[this.row * 4 + 1]!]! as ContactCategory
  }
  get position(): number {
    return this.c.position[this.row]!
  }
  get recordedAt(): string {
    return this.c.otherInstants.get(this.row) ?? new Date(this.c.recorded[this.row]!).toISOString()
  }
  get corrections(): ReadonlyArray<number> {
    return this.c.corrections.get(this.row) ?? NO_POSITIONS
  }
  get retracted(): number | undefined {
    return this.c.retracted.get(this.row)
  }
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * An empty contact table, with room for `expected` contacts (an upper bound such as the number
 * of entries to fold: columns are allocated zeroed and untouched rows cost no memory until
 * used), so that a large fold does not copy its columns as they grow.
 *
 * @example
 * const t = contactTable()
 * t.record(id, { organisationIds: [org], personIds: [], occurredOn: '2024-03-01', category: 'incidental' }, 7, '2024-03-02T09:00:00.000Z')
 * t.get(id)?.occurredOn // '2024-03-01'
 */
export const contactTable = (expected = 0): ContactTableWriter => {
  const capacity = initialCapacity(expected)
  const c: Columns = {
    count: 0,
    capacity,
    position: new Float64Array(capacity),
    recorded: new Float64Array(capacity),
    fields: new Uint32Array(capacity * 4),
    idWords: new Uint32Array(capacity * 4),
    otherIds: new Map(),
    otherInstants: new Map(),
    corrections: new Map(),
    retracted: new Map(),
    texts: internTable<string>(),
    short: internTable<ReadonlyArray<string>>(),
    long: new Uint32Array(1024),
    longUsed: 0,
  }
  // the id index: open addressing over the UUID words (row + 1; 0 is empty), and a Map for the rest
  let slots = new Uint32Array(capacity * 2)
  const byOtherId = new Map<string, number>()
  const scratch = new Uint32Array(4)

  const slotOf = (w: Uint32Array, at: number): number => {
    const mask = slots.length - 1
    const ids = c.idWords
    for (let s = hashWords(w, at) & mask; ; s = (s + 1) & mask) {
      const row = slots[s]!
      if (row === 0) return s
      const r = (row - 1) * 4
      if (ids[r] === w[at] && ids[r + 1] === w[at + 1] && ids[r + 2] === w[at + 2] && ids[r + 3] === w[at + 3]) return s
    }
  }
  const rowOf = (contactId: string): number => {
    if (!uuidWords(contactId, scratch, 0)) return byOtherId.get(contactId) ?? -1
    return slots[slotOf(scratch, 0)]! - 1
  }
  const growIndex = () => {
    slots = new Uint32Array(slots.length * 2)
    for (let row = 0; row < c.count; row++) if (!c.otherIds.has(row)) slots[slotOf(c.idWords, row * 4)] = row + 1
  }
  const textId = (x: string): number => c.texts.put(x, () => x)
  const text = (x: string): string => c.texts.values[textId(x)]!
  const list = (xs: ReadonlyArray<string>): number => {
    if (xs.length === 0) return c.short.put('', () => NO_IDS) * 2
    if (xs.length === 1) return c.short.put(`=${xs[0]!}`, () => Object.freeze([text(xs[0]!)])) * 2
    while (c.longUsed + 1 + xs.length > c.long.length) c.long = grown(c.long, (n) => new Uint32Array(n))
    const at = c.longUsed
    c.long[at] = xs.length
    xs.forEach((x, i) => (c.long[at + 1 + i] = textId(x)))
    c.longUsed += 1 + xs.length
    return at * 2 + 1
  }
  const setFields = (row: number, f: Partial<ContactFields>) => {
    const at = row * 4
    if (f.occurredOn !== undefined) c.fields[at] = textId(f.occurredOn)
    if (f.category !== undefined) c.fields[at + 1] = textId(f.category)
    if (f.organisationIds !== undefined) c.fields[at + 2] = list(f.organisationIds)
    if (f.personIds !== undefined) c.fields[at + 3] = list(f.personIds)
  }

  const record: ContactTableWriter['record'] = (contactId, f, at, recordedAt) => {
    let row = rowOf(contactId)
    if (row >= 0) {
      // recorded again: the later recording replaces the earlier, where it stood
      c.corrections.delete(row)
      c.retracted.delete(row)
    } else {
      row = c.count++
      if (row === c.capacity) {
        c.capacity *= 2
        c.position = grown(c.position, (n) => new Float64Array(n))
        c.recorded = grown(c.recorded, (n) => new Float64Array(n))
        c.fields = grown(c.fields, (n) => new Uint32Array(n))
        c.idWords = grown(c.idWords, (n) => new Uint32Array(n))
      }
      if (uuidWords(contactId, c.idWords, row * 4)) {
        if (c.count * 2 > slots.length) growIndex()
        else slots[slotOf(c.idWords, row * 4)] = row + 1
      } else {
        c.otherIds.set(row, contactId)
        byOtherId.set(contactId, row)
      }
    }
    c.position[row] = at
    const ms = isoMillis(recordedAt)
    if (Number.isNaN(ms)) c.otherInstants.set(row, recordedAt)
    else (c.recorded[row] = ms, c.otherInstants.delete(row))
    setFields(row, f)
  }

  return {
    get size() {
      return c.count
    },
    get: (contactId) => {
      const row = rowOf(contactId)
      return row < 0 ? undefined : new ContactView(c, row)
    },
    values: function* () {
      for (let row = 0; row < c.count; row++) yield new ContactView(c, row)
    },
    record,
    correct: (contactId, changes, at) => {
      const row = rowOf(contactId)
      if (row < 0) return
      setFields(row, changes)
      c.corrections.set(row, [...(c.corrections.get(row) ?? []), at])
    },
    retract: (contactId, at) => {
      const row = rowOf(contactId)
      if (row >= 0 && !c.retracted.has(row)) c.retracted.set(row, at)
    },
  }
}
