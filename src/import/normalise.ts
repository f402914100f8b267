/**
 * Names as people write them and as the register compares them: an organisation spelled
 * "Stichting  Al-Amal", "stichting al-amal " or "Stichting Al-Amál" is one organisation.
 */

/**
 * A name as it is shown: trimmed, every run of white space (tabs, line breaks, no-break spaces)
 * made one space.
 *
 * @example
 * tidyName('  Bar \n Council ') // 'Bar Council'
 */
export const tidyName = (s: string): string => s.replace(/\s+/gu, ' ').trim()

/**
 * The key two names are compared by: tidied, accents removed (NFD, then combining marks dropped),
 * case folded. Two organisations with the same key are the same organisation.
 *
 * @example
 * normaliseName(' Société  Générale ') === normaliseName('SOCIETE GENERALE') // true
 */
export const normaliseName = (s: string): string =>
  tidyName(s.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase().normalize('NFC')
