/**
 * How organisation names are compared for identity (rule 23): two names that fold to the same key
 * name the same organisation unless someone says why not. Folding: Unicode NFKC (full-width and
 * compatibility letters), invisible characters dropped (zero-width spaces and joiners, soft
 * hyphens, bidirectional controls), look-alike Cyrillic and Greek letters read as the Latin ones,
 * accents and case folded, punctuation and spacing dropped, and the legal-form words (Stichting,
 * Vereniging, B.V., N.V., …) left out. Pure; shared by the ledger's decisions and the import.
 */

// ---------------------------------------------------------------------------------------------
// model

/** Legal-form words, as they read folded (dots removed): "B.V." is `bv`. */
export const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set([
  'stichting', 'stg', 'vereniging', 'ver', 'bv', 'nv', 'vof', 'cv', 'cooperatie', 'coop', 'ua', 'wa',
  'kerkgenootschap', 'genootschap', 'foundation', 'association', 'vzw', 'asbl', 'ev', 'gmbh', 'ltd', 'inc',
])

/** Letters of other scripts that look like a Latin letter (lower case; upper case is folded first). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ѐ: 'e', ё: 'e', һ: 'h', н: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', о: 'o', р: 'p',
  ԛ: 'q', с: 'c', ѕ: 's', т: 't', у: 'y', ў: 'y', х: 'x', ԁ: 'd', ԝ: 'w', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'n', ο: 'o', ρ: 'p', τ: 't', υ: 'y', χ: 'x', ζ: 'z',
  // Latin look-alikes
  ı: 'i', ȷ: 'j', ſ: 's',
}

// ---------------------------------------------------------------------------------------------
// utils

const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu

/**
 * The identity key of an organisation name (rule 23).
 *
 * @example
 * nameKey('Stichting  Al-Amál') === nameKey('AL AMAL B.V.') // true
 * nameKey('Stichting Al\u200BAmal') === nameKey('Al Amal')   // true (a zero-width space)
 * nameKey('Stichting Аl Amal') === nameKey('Al Amal')        // true (a Cyrillic А)
 */
export const nameKey = (name: string): string => {
  const letters = [...name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase()]
    .map((ch) => LOOK_ALIKES[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[.\u00B7\u2024]/g, '')
  const words = letters.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
  const kept = words.filter((w) => !LEGAL_FORM_WORDS.has(w))
  return (kept.length > 0 ? kept : words).join('')
}

/** How many names `registeredNameKey` remembers before it starts over (more than the organisations one read folds). */
const MEMO_SIZE = 10_000
const registered = new Map<string, string>()

/**
 * `nameKey` of a registered organisation's name, remembered: every decision's fold keys the names
 * of the organisations it reads again (4-10 µs each, most of a small fold). Only for names that
 * are in the register already (organisation names, not personal data); a cell of an import being
 * screened goes through `nameKey`, which keeps nothing.
 *
 * @example
 * registeredNameKey('Stichting Al-Amal') === nameKey('Stichting Al-Amal') // true
 */
export const registeredNameKey = (name: string): string => {
  const known = registered.get(name)
  if (known !== undefined) return known
  const key = nameKey(name)
  if (registered.size >= MEMO_SIZE) registered.clear()
  registered.set(name, key)
  return key
}
