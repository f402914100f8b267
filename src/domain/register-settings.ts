/**
 * The register's settings (rule 24) as the log records them: the settings valid at a position are
 * the fold of the `RegisterConfigured` events before it. The renderings, the checkpoint signing
 * and the late-entry rule read them from here, so each is a function of the log alone.
 */
import type { StoredEvent } from './events.js'
import { SETTINGS_TAG } from './events/settings.js'
import type { Query } from './query.js'
import type { RegisterSettings } from './state.js'

export type { RegisterSettings } from './state.js'

/** The events the settings are made of: every configuration of the register. */
export const settingsQuery: Query = [{ types: ['RegisterConfigured'], tags: [SETTINGS_TAG] }]

/**
 * Whether a text is a log origin a checkpoint may carry: a C2SP key name (no spaces, no `+`) that
 * is not a `.local` placeholder (a name meant for a published log). The reason it is not, if any.
 *
 * @example
 * originProblem('szw.example/contact-ledger') // undefined
 * originProblem('contact-ledger.local/register') // 'a published name, not a .local one …'
 */
export const originProblem = (origin: string): string | undefined => {
  if (origin.length === 0 || /[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(origin))
    return 'a log origin without spaces or "+", such as szw.example/contact-ledger'
  const host = origin.split('/')[0]!.toLowerCase()
  if (host === 'localhost' || host.endsWith('.local') || host.endsWith('.localhost'))
    return `a published name, not a local one such as "${host}": the origin names the log to everyone who checks it (such as szw.example/contact-ledger)`
  return undefined
}

/**
 * The settings valid at a position: the fold of the configurations among `events` at positions
 * before `at` (all of them when `at` is left out); undefined when the register was never configured
 * by then. `events` may be the whole log or only what `settingsQuery` selects.
 *
 * @example
 * settingsAt(events, 120)?.publisher // 'Ministerie van Sociale Zaken en Werkgelegenheid'
 */
export const settingsAt = (events: ReadonlyArray<StoredEvent>, at?: number): RegisterSettings | undefined => {
  let settings: RegisterSettings | undefined
  for (const e of events) {
    if (at !== undefined && e.position >= at) continue
    if (e.type !== 'RegisterConfigured') continue
    settings = { ...settings, ...e.data, position: e.position }
  }
  return settings
}
