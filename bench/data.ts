/**
 * The benchmark's data: 1,000 organisations (a fifth of them structural partners) and realistic
 * `recordContact` commands of about 300 bytes, the same for every side of every workload.
 * Deterministic: a seeded generator, fixed ids, a fixed clock.
 */
import type { NewEvent } from '../src/domain/events.js'
import { event } from '../src/domain/events.js'
import type { Command } from '../src/domain/commands/index.js'
import { stamp } from '../src/ledger/meta.js'
import { commandHash } from '../src/ledger/meta.js'
import { fixedClock } from '../src/ports/clock.js'

// ---------------------------------------------------------------------------------------------
// model

export const ORGANISATIONS = 1_000
/** Every fifth organisation has a partnership, so the annual overview has rows. */
export const PARTNER_EVERY = 5
/** The clock every ledger in the benchmark runs at: after every contact's date. */
export const NOW = '2025-12-31T12:00:00.000Z'
export const clock = fixedClock(NOW)

const official = { id: 'a.jansen', role: 'official' } as const
const coordinator = { id: 'c.desmet', role: 'coordinator' } as const

const KINDS = ['religious-community', 'self-organisation', 'knowledge-institute', 'umbrella-organisation', 'civil-society-organisation'] as const
const FORMS = ['meeting', 'call', 'work-visit', 'conference', 'correspondence'] as const
const THEMES = ['language', 'work', 'open-free-society', 'social-cohesion', 'equal-opportunities'] as const
const SUBJECTS = [
  'Voortgang taalcursussen voor nieuwkomers in de regio',
  'Afstemming over de werkconferentie arbeidsmarkt en inburgering',
  'Gesprek over vrijwilligersinzet bij maatschappelijke begeleiding',
  'Terugkoppeling op de subsidieaanvraag voor buurtactiviteiten',
  'Kennismaking met het nieuwe bestuur en de jaarplanning',
] as const
const MUNICIPALITIES = ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Tilburg', 'Groningen', 'Almere'] as const

// ---------------------------------------------------------------------------------------------
// utils

/** A small seeded generator (mulberry32): the same numbers on every machine. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** A fixed UUID (version 4 layout) from a kind digit and a number. */
export const fixedUuid = (kind: number, n: number): string => {
  const hex = n.toString(16).padStart(12, '0')
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`
}

export const organisationId = (i: number): string => fixedUuid(0xa, i)
export const partnershipId = (i: number): string => fixedUuid(0xb, i)

const pick = <A>(rnd: () => number, xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!
const pad = (n: number) => String(n).padStart(2, '0')

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * The commands that set the register up: 1,000 organisations, then an endorsement and a
 * partnership for every fifth.
 *
 * @example
 * await ledger.executeBatch(setupCommands())
 */
export const setupCommands = (): ReadonlyArray<Command> => {
  const rnd = prng(7)
  const orgs = Array.from({ length: ORGANISATIONS }, (_, i) => ({
    command: 'registerOrganisation',
    actor: coordinator,
    payload: {
      organisationId: organisationId(i),
      name: `Stichting Samenleven ${MUNICIPALITIES[i % MUNICIPALITIES.length]} ${i}`,
      kind: pick(rnd, KINDS),
      municipality: MUNICIPALITIES[i % MUNICIPALITIES.length],
    },
  }))
  const endorsements = Array.from({ length: ORGANISATIONS / PARTNER_EVERY }, (_, k) => ({
    command: 'endorseValues',
    actor: coordinator,
    payload: { organisationId: organisationId(k * PARTNER_EVERY), endorsedOn: '2022-12-15', documentRef: `SZW-2023-${k}` },
  }))
  const partners = Array.from({ length: ORGANISATIONS / PARTNER_EVERY }, (_, k) => ({
    command: 'startPartnership',
    actor: coordinator,
    payload: {
      partnershipId: partnershipId(k * PARTNER_EVERY),
      organisationId: organisationId(k * PARTNER_EVERY),
      themes: ['language', 'work'],
      startedOn: '2023-01-01',
      programme: 'Actieagenda integratie',
    },
  }))
  return [...orgs, ...endorsements, ...partners] as unknown as ReadonlyArray<Command>
}

/**
 * The `i`-th contact of a series: about 300 bytes of JSON, one organisation (sometimes two),
 * categories mixed as in a ministry's agenda. `seed` makes series that do not collide.
 *
 * @example
 * const c = contactCommand(0, 1) // { command: 'recordContact', … }
 */
export const contactCommand = (i: number, seed: number): Command => {
  const rnd = prng(seed * 1_000_003 + i)
  const org = Math.floor(rnd() * ORGANISATIONS)
  const partner = org % PARTNER_EVERY === 0
  const second = rnd() < 0.15 ? (org + 1 + Math.floor(rnd() * (ORGANISATIONS - 1))) % ORGANISATIONS : undefined
  const category = partner && rnd() < 0.7 ? 'partnership' : rnd() < 0.9 ? 'incidental' : 'signalling'
  const year = 2023 + Math.floor(rnd() * 3)
  const payload = {
    contactId: fixedUuid(0xc0000000 + seed, i),
    organisationIds: second === undefined ? [organisationId(org)] : [organisationId(org), organisationId(second)],
    occurredOn: `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`,
    form: pick(rnd, FORMS),
    category,
    themes: [pick(rnd, THEMES)],
    subject: pick(rnd, SUBJECTS),
    officials: ['a.jansen'],
  }
  return { command: 'recordContact', actor: official, payload } as unknown as Command
}

/**
 * The events the ledger would append for a series of contacts, stamped as it stamps them, for
 * building large stores directly through an adapter's `append` (which runs the real
 * `prepareBatch`: canonical bytes, leaves, tree nodes).
 *
 * @example
 * await store.append(contactEvents(0, 5000, 1))()
 */
export const contactEvents = (from: number, count: number, seed: number): NewEvent[] => {
  const recordedAt = new Date(NOW)
  const out: NewEvent[] = []
  for (let i = from; i < from + count; i++) {
    const c = contactCommand(i, seed) as Extract<Command, { command: 'recordContact' }>
    const p = c.payload
    const e = event('ContactRecorded', {
      contactId: p.contactId!,
      organisationIds: p.organisationIds,
      personIds: [],
      occurredOn: p.occurredOn,
      form: p.form,
      category: p.category,
      themes: p.themes,
      officials: p.officials ?? [],
      ...(p.subject !== undefined ? { subject: p.subject } : {}),
    })
    const id = fixedUuid(0xe0000000 + seed, i)
    out.push(...stamp([e], { command: c, recordedAt, today: NOW.slice(0, 10), correlationId: id, causationId: id, commandHash: commandHash(c) }))
  }
  return out
}

/** The stream a contact belongs to in Emmett's model: its first organisation's. */
export const streamOf = (e: NewEvent): string => `organisation-${(e.data as unknown as { organisationIds: string[] }).organisationIds[0]}`

/** The year the annual-overview workloads report on. */
export const OVERVIEW_YEAR = 2024
