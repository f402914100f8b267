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
/**
 * Organisations named after a person: a given name and a surname that are (part of) an
 * organisation's name, not a person present ("Rosa Luxemburg Foundation", "Robert Bosch GmbH",
 * "Institut Jacques Delors", "Philip Morris"). Read by hand from the EU and UK sample files: every
 * value in which the screening found a given name before a surname beside an organisation word.
 * Lower case, compared after folding spaces.
 */
const EPONYMS = [
  // foundations, institutes and schools named after people
  'rosa luxemburg', 'rosa luxembourg', 'robert bosch', 'jacques delors', 'jacques delores', 'jean monnet', 'bill gates', 'robert schuman', 'anna lindh', 'olof palme',
  'albert einstein', 'michael succow', 'paul merage', 'john nurminen', 'john nurmisen', 'niels stensen', 'andreas hermes', 'juan negrín', 'pedro zerolo', 'stefan bato',
  'brigitte bardot', 'jean jaures', 'jérôme lejeune', 'rené cassin', 'pierre robin', 'claude bernard', 'francisco franco', 'ingrid segerstedt', 'max planck',
  'max havelaar', 'robert debré', 'hamad ben khalifa', 'simon milton', 'joseph rowntree', 'thomas rotherham', 'john moores', 'leonard cheshire', 'anthony veder',
  'paul mertens', 'georg hipp', 'siegfried hameln', 'axel springer', 'christian-albrecht', 'fabian society', 'jacobs university',
  'ellen macarthur', 'giovanni xxiii', 'joão jacinto', 'pablo de olavide', 'hugo observatory', 'michel van de wiele', 'ali enterprise',
  // companies and campaigns with a person's name
  'philip morris', 'frank bold', 'john deere', 'leo pharma', 'constantin film', 'robin wood', 'tony chocolonely', 'michael culture', 'philip lee',
  // words that are also given names
  'christian aid', 'christian initiative', 'christian democratic', 'charlotte street',
]
const EPONYM_PATTERN = new RegExp(`(?:^|[^\\p{L}])(?:${EPONYMS.map((e) => e.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|')})(?=$|[^\\p{L}])`, 'giu')
/**
 * Honorifics, and offices written before a holder's name ("Commissioner Breton", "Finland's
 * Minister Ohisalo"), that name a person wherever they stand in a value when a capitalised name
 * follows; an office alone ("EU Ambassador", "Commissioner for Human Rights") names no one.
 */
const INNER_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'herr', 'frau', 'mme', 'monsieur', 'madame', 'dhr', 'mevr', 'commissioner', 'kommissionär', 'komissaari', 'minister', 'ministre'])
/**
 * Words that take a person's name as their own when it stands right before or after them: a
 * foundation, an institute, a school, a company's legal form ("Fondation Robert Schuman",
 * "Joseph Rowntree Foundation", "Siegfried Hameln GmbH", "Stichting Dr. Jansen").
 */
const NAME_HOLDERS = new Set(
  `foundation fondation fondazione fundación fundacion fundação fundacja fundació stiftung stichting säätiö stiftelsen trust institute institut instituto
  istituto instituut institutet university universität université universiteit universidad università universitet college school schule escola escuela
  scuola gymnasium gymnasiet academy akademie academie association vereniging verein council society gesellschaft ltd limited plc llp llc gmbh ag sa sas sarl
  spa srl bv nv oy ab as kg ohg inc corp company`.split(/\s+/u).filter((w) => w !== ''),
)
/** Whether a word is one that takes a person's name as its own (dots left out: "B.V."). */
const holdsName = (word: string | undefined): boolean => word !== undefined && NAME_HOLDERS.has(bare(word).replace(/\./gu, ''))
/** A surname after a given name: a capitalised word (or one in capitals), not an organisation word. */
const SURNAME = /^\p{Lu}[\p{L}'’-]+$/u

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
 * A given name followed by a surname anywhere in a value (after leaving out organisations named
 * after a person): "Nicholas Aiossa from Transparency International", "Commissioner Helena Dalli",
 * "Business Europe - Carolina Vigo". The given name, or undefined.
 */
const personInside = (value: string): string | undefined => {
  // punctuation between words is kept as a boundary ("|"): "Association : Giuseppe Martini" is no name of the association
  const words = value
    .replace(EPONYM_PATTERN, ' | ')
    .replace(/["“”„]+/gu, ' ')
    .replace(/[()[\],:;/+•▪|–—]+/gu, ' | ')
    .split(/\s+/u)
    .filter((w) => w !== '')
  for (let i = 0; i < words.length - 1; i++) {
    // "Huawei CEO for Europe Mr Abraham Liu": an honorific inside, before a capitalised name
    if (
      INNER_TITLES.has(bare(words[i]!)) &&
      !holdsName(words[i - 1]) &&
      // "Stichting Dr. Jansen", "mevr. Ó Súilleabháin Foundation": the foundation's name
      !holdsName(words[i + 2]) &&
      !(NAME_WORD.test(words[i + 2] ?? '') && holdsName(words[i + 3])) &&
      NAME_WORD.test(words[i + 1]!) &&
      !ORGANISATION_WORDS.has(bare(words[i + 1]!))
    )
      return words[i]
    if (!isGiven(words[i]!)) continue
    let j = i + 1
    while (j < words.length - 1 && PARTICLES.has(words[j]!.toLowerCase())) j++
    const surname = words[j]!.replace(/[.,]+$/u, '')
    // a name right before or after a foundation, an institute or a legal form is that organisation's name
    if (holdsName(words[i - 1]) || holdsName(words[j + 1]) || (INNER_TITLES.has(bare(words[i - 1] ?? '')) && holdsName(words[i - 2]))) continue
    if (SURNAME.test(surname) && !ORGANISATION_WORDS.has(bare(surname).replace(/\./gu, '')) && !TITLES.has(bare(surname))) return words[i]
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
 * stands between names that are each person-like (then each is one person). A value with a word
 * such as Foundation, Trust, Ltd or University is an organisation, unless it also names a person
 * apart from that word (a given name and a surname, or an honorific or office before a name:
 * "Nicholas Aiossa from Transparency International", "Commissioner Breton"): then the whole value
 * is one person, sealed as such. A name right before or after a foundation, an institute or a
 * legal form is that organisation's name ("Joseph Rowntree Foundation"), as are the organisations
 * named after a person the screening knows ("Philip Morris"). Everything else is
 * organisation-like ("no sign of a person").
 *
 * @example
 * screenName('Lord Neuberger & Lady Hale')
 * // { kind: 'person', reasons: ['title "Lord"', 'title "Lady"'], persons: ['Lord Neuberger', 'Lady Hale'] }
 * screenName('Sir Simon Milton Foundation').kind // 'organisation'
 */
export const screenName = (value: string): Screening => {
  const v = tidyName(value)
  const word = organisationWord(v)
  // a person named beside an organisation ("Nicholas Aiossa from Transparency International"): the whole value is sealed as the person
  const inside = personInside(v)
  if (word !== undefined)
    return inside !== undefined
      ? { kind: 'person', reasons: [`given name "${inside}" before a surname, beside organisation word "${word}"`], persons: [v] }
      : { kind: 'organisation', reasons: [`organisation word "${word}"`], persons: [] }
  const parts = v.split(/\s+(?:&|and|en|und|et)\s+|\s*&\s*/u).map(tidyName).filter((p) => p !== '')
  if (parts.length > 1) {
    const reasons = parts.map(partReason)
    if (reasons.every((r) => r !== undefined)) return { kind: 'person', reasons: reasons as string[], persons: parts }
    if (inside !== undefined) return { kind: 'person', reasons: [`given name "${inside}" before a surname`], persons: [v] }
    return { kind: 'organisation', reasons: ['"&" or "and" between names that are not all person-like'], persons: [] }
  }
  const reason = partReason(v) ?? (inside !== undefined ? `given name "${inside}" before a surname` : undefined)
  return reason !== undefined ? { kind: 'person', reasons: [reason], persons: [v] } : { kind: 'organisation', reasons: ['no sign of a person'], persons: [] }
}
