/**
 * Name screening: does a cell of an organisation column name a person? Public exports mix people
 * and organisations in one cell ("Lord Neuberger & Lady Hale", "Tilray, Frank Farnel"); a person
 * must become a sealed key figure, never an organisation. Pure and deterministic: the same value
 * always gets the same answer, with the reasons an official can check.
 */
import { GIVEN_NAMES } from './given-names.js'
import { tidyName } from './normalise.js'

// ---------------------------------------------------------------------------------------------
// model

/** What a cell value looks like, why, and (for a person-like value) the persons it names. */
export interface Screening {
  readonly kind: 'person' | 'organisation'
  /** Why, in words an official can check ("title \"Lord\"", "organisation word \"Trust\""). */
  readonly reasons: ReadonlyArray<string>
  /** The persons a person-like value names, each as written: "Lord Neuberger & Lady Hale" gives two. */
  readonly persons: ReadonlyArray<string>
}

// ---------------------------------------------------------------------------------------------
// utils

/** Titles and honorifics before a name (compared without a final dot, case-insensitively). */
const TITLES = new Set([
  'lord', 'lady', 'sir', 'dame', 'baroness', 'baron', 'dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'cllr', 'councillor',
  'minister', 'ambassador', 'ambassadör', 'ambassadeur', 'ambassadrice', 'botschafter', 'botschafterin', 'embajador', 'embaixadora', 'kommissionär',
  'commissioner-designate', 'staatssekretär', 'staatssekretärin', 'landesrat', 'statsråd', 'counsellor', 'judge', 'senator', 'sénateur', 'mayor', 'major',
  'dhr', 'mevr', 'mevrouw', 'drs', 'ir', 'ing', 'herr', 'frau', 'mme', 'mlle', 'monsieur', 'madame', 'sig', 'sra', 'sr', 'rev', 'revd', 'reverend',
])
/** Two-word titles. */
const TITLE_PAIRS = new Set(['rt hon', 'right honourable', 'the rt', 'the right'])
/** Letters after a name. */
const POST_NOMINALS = new Set(['mp', 'qc', 'kc', 'mep', 'msp', 'ms', 'am', 'mla', 'obe', 'cbe', 'mbe', 'kbe', 'dbe', 'phd', 'frs', 'jp'])
/**
 * Words that make a value an organisation, whatever else it holds ("Sir Simon Milton Foundation").
 * Lower case, compared without punctuation.
 */
const ORGANISATION_WORDS = new Set(
  `
  association associations associazione asociación associação assoc federation federatie federación fédération federazione verband verbond bond vereniging
  foundation fondation fondazione fundación stichting stiftung trust charity charities society societies sociedad société societa council councils
  committee committees commission commissioner institute institut instituto istituto institution institutions university universities universität université
  universiteit universidad università college colleges school schools academy academie akademie centre center centrum centro network netzwerk réseau alliance
  coalition union unions unie gewerkschaft confederation confédération partnership partners partner group groupe gruppo grupo groep gruppe company companies
  corporation corp co inc incorporated ltd limited plc llp llc lp gmbh ag sa sas sarl spa srl bv nv se oy ab as asbl aisbl vzw ev e.v eg kg oyj holding holdings
  bank banking insurance capital investment investments ventures fund funds consulting consultants consultancy advisors advisers associates solutions services
  systems technologies technology tech industries industry international europe european europa eu global world worldwide uk usa america americas africa asia
  agency authority authorities ministry ministerie department office board bureau chamber chambers platform forum office council organisation organization
  organisations organizations project projects programme program initiative campaign movement party parti partei partito government gouvernement regierung
  embassy delegation mission permanent representation secretariat federal national nacional nationale regional city county municipality gemeente region
  hospital clinic church mosque moskee synagogue parish diocese media news press times post journal magazine radio tv television broadcasting records music
  energy power oil gas electric electricity water airlines airways motors automotive pharma pharmaceuticals pharmaceutical labs laboratories laboratory
  research studio studios works network communications telecom telecoms mobile digital software data games entertainment publishing publishers
  lobby public affairs strategies strategic management partners law lawyers solicitors barristers llp associates advisory members club clubs league
  ohg kg gbr ug mbh fundacja fundació fundacio fundação stiftelsen rederij escola escuela scuola schule colegio liceo lycée
  verlag gymnasiet gymnasium institutet instituut film films säätiö kliniken klinik klinikum conference air italia hungary belgium deutschland france españa nederland polska österreich
  `.split(/\s+/u).filter((s) => s !== ''),
)
/** Small words inside a person's name. */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'ten', 'ter', 'te', 'von', 'vom', 'zu', 'di', 'da', 'del', 'della', 'dos', 'das', 'do', 'du', 'des', 'la', 'le', 'el', 'al', 'bin', 'ibn', 'af', 'y', 'e', 'mac', 'st'])

/** "jeppe" and "JEPPE" as "Jeppe"; each part of "jean-pierre" too. */
const capitalisedWord = (word: string): string => word.toLowerCase().replace(/(^|[-'’(])(\p{Ll})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
const bare = (word: string): string => word.replace(/^[("'‘’“]+|[)"'‘’”.,;:]+$/gu, '').toLowerCase()
const NAME_WORD = /^\p{Lu}[\p{L}'’-]*\.?$/u
const INITIAL = /^(?:\p{Lu}\.){1,3}$/u
/** A given name as people write one: not in capitals ("EMMA ENPA", "Luonnonvarakeskus LUKE" are organisations' acronyms). */
const isGiven = (word: string): boolean => (word.length < 2 || word !== word.toUpperCase()) && GIVEN_NAMES.has(word)

/** The words of a part that looks like a name: capitalised words and particles only, no digits. */
const nameLike = (words: ReadonlyArray<string>): boolean =>
  words.length > 0 && words.some((w) => NAME_WORD.test(w)) && words.every((w) => NAME_WORD.test(w) || INITIAL.test(w) || PARTICLES.has(w.toLowerCase()))

/** Why one name (no "&") looks like a person, or undefined. */
const personReason = (value: string): string | undefined => {
  const words = value.split(' ')
  const first = bare(words[0] ?? '')
  const firstTwo = words.length > 1 ? `${first} ${bare(words[1]!)}` : ''
  if (TITLE_PAIRS.has(firstTwo) && nameLike(words.slice(2).filter((w) => !TITLES.has(bare(w))))) return `title "${words.slice(0, 2).join(' ')}"`
  // "ING Belgium" is a bank: a title is not written in capitals
  const titled = TITLES.has(first) && !(words[0]!.length > 2 && words[0] === words[0]!.toUpperCase())
  if (titled && words.length > 1 && nameLike(words.slice(1))) return `title "${words[0]}"`
  const last = words[words.length - 1] ?? ''
  if (words.length >= 2 && words.length <= 6 && POST_NOMINALS.has(bare(last)) && last === last.toUpperCase()) {
    const rest = words.slice(0, -1).filter((w) => !POST_NOMINALS.has(bare(w)))
    if (rest.length >= 2 && rest.length <= 4 && nameLike(rest)) return `letters after a name "${last}"`
  }
  if (words.length >= 2 && words.length <= 5 && /^(?:\p{Lu}\.\s?){1,3}$/u.test(words[0]!) && nameLike(words.slice(1))) return `initials "${words[0]}"`
  if (/^(?:\p{Lu}\.){2,3}\p{Lu}[\p{Ll}'’-]+/u.test(value) && words.length <= 4) return `initials "${value.split(/(?<=\.)(?=\p{Lu}[\p{Ll}])/u)[0]}"`
  if (words.length >= 2 && words.length <= 4 && nameLike(words)) {
    const given = words[0]!.split('-')[0]!
    if (isGiven(given)) return `given name "${given}"`
  }
  // a surname first, as Finnish and Hungarian lists write it ("Kaikkonen Antti")
  if (words.length >= 2 && words.length <= 3 && nameLike(words) && isGiven(words[words.length - 1]!)) return `given name "${words[words.length - 1]}" after a surname`
  // a name after a role or an employer ("Telia CEO Heli Partanen", "Researcher Jordi Casanova")
  if (words.length >= 3 && words.length <= 5) {
    const at = words.findIndex((w, i) => i > 0 && i < words.length - 1 && isGiven(w) && NAME_WORD.test(words[i + 1]!))
    if (at > 0) return `given name "${words[at]}" before a surname`
  }
  return undefined
}

/**
 * Why one name looks like a person, whatever its case: a name typed all in lower case ("jeppe
 * kofod") is read as if capitalised, and one in capitals ("LADY HALE") too, but then only a title,
 * letters after a name or initials count (capitals are acronyms' way: "EMMA ENPA").
 */
const partReason = (part: string): string | undefined => {
  const lower = part === part.toLowerCase() && part !== part.toUpperCase()
  const upper = part === part.toUpperCase() && part !== part.toLowerCase()
  if (!lower && !upper) return personReason(part)
  const reason = personReason(part.split(' ').map((w) => (upper && POST_NOMINALS.has(bare(w)) ? w : capitalisedWord(w))).join(' '))
  return upper && reason?.startsWith('given name') ? undefined : reason
}

const organisationWord = (value: string): string | undefined => {
  for (const word of value.split(/[\s/]+/u)) {
    // dots left out ("B.V.", "e.V."); the last part of a compound counts too ("Max Planck-Institut"), not the first ("EU-minister")
    const whole = bare(word).replace(/\./gu, '')
    const last = bare(word.split('-').pop()!).replace(/\./gu, '')
    if (ORGANISATION_WORDS.has(whole)) return whole
    if (ORGANISATION_WORDS.has(last)) return last
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// constructors

/**
 * Classifies one value of an organisation column as person-like or organisation-like, with the
 * reasons. A value is person-like when it starts with a title or honorific (Lord, Lady, Sir,
 * Dame, Baroness, Dr, Prof, Mr, Mrs, Ms, Rt Hon, dhr., mevr., drs., ir., mr., …), ends in letters
 * after a name (MP, QC, KC, MEP, MSP, OBE, …), starts with initials ("A. Jansen"), or is two to
 * four capitalised words starting with a common given name ("Frank Farnel"); and when "&" or "and"
 * stands between names that are each person-like (then each is one person). A word such as
 * Foundation, Trust, Ltd or University makes a value an organisation whatever else it holds.
 * Everything else is organisation-like ("no sign of a person").
 *
 * @example
 * screenName('Lord Neuberger & Lady Hale')
 * // { kind: 'person', reasons: ['title "Lord"', 'title "Lady"'], persons: ['Lord Neuberger', 'Lady Hale'] }
 * screenName('Sir Simon Milton Foundation').kind // 'organisation'
 */
export const screenName = (value: string): Screening => {
  const v = tidyName(value)
  const word = organisationWord(v)
  if (word !== undefined) return { kind: 'organisation', reasons: [`organisation word "${word}"`], persons: [] }
  const parts = v.split(/\s+(?:&|and|en|und|et)\s+|\s*&\s*/u).map(tidyName).filter((p) => p !== '')
  if (parts.length > 1) {
    const reasons = parts.map(partReason)
    if (reasons.every((r) => r !== undefined)) return { kind: 'person', reasons: reasons as string[], persons: parts }
    return { kind: 'organisation', reasons: ['"&" or "and" between names that are not all person-like'], persons: [] }
  }
  const reason = partReason(v)
  return reason !== undefined ? { kind: 'person', reasons: [reason], persons: [v] } : { kind: 'organisation', reasons: ['no sign of a person'], persons: [] }
}
