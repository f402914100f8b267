/**
 * The words of a publication-grade rendering (report version 2): what the overview is (the
 * promise of the minister's letter to the House), who publishes it and as of when, in Dutch and
 * in English.
 */
import type { Language } from '../../domain/values.js'

export interface PublicationLabels {
  /** What the public overview is: the letter's promise, in one or two sentences. */
  readonly overviewStatement: string
  /** What the confidential list is. */
  readonly listStatement: string
  readonly publisher: string
  readonly year: string
  /** The date the rendering is of: the register as it stood then. */
  readonly asOf: string
  readonly asOfValue: (date: string, size: number) => string
  readonly notConfigured: string
  readonly emptyRegister: string
}

const nl: PublicationLabels = {
  overviewStatement:
    'Dit overzicht laat zien met welke maatschappelijke organisaties het ministerie structureel contact onderhoudt in het kader van integratie en samenleven, zoals de Tweede Kamer heeft gevraagd (motie-Becker, Kamerstuk 35 228, nr. 45). ' +
    '“Graag laat ik op een open en transparante wijze zien met wie ik de samenwerking aan zal gaan.”',
  listStatement:
    'Deze lijst noemt de maatschappelijke organisaties waarmee SZW vanaf 1 januari 2023 contact heeft gehad. Zij wordt vertrouwelijk gedeeld “vanwege veiligheidsredenen”.',
  publisher: 'Uitgegeven door',
  year: 'Jaar',
  asOf: 'Stand van het register',
  asOfValue: (date, size) => `${date} (${size} gebeurtenissen)`,
  notConfigured: 'niet ingesteld',
  emptyRegister: 'leeg register',
}

const en: PublicationLabels = {
  overviewStatement:
    'This overview shows the civil-society organisations the ministry is in structural contact with on integration and living together, as the House of Representatives asked (motion Becker, parliamentary paper 35 228, no. 45). ' +
    'The minister undertook to show “in an open and transparent way” with whom the ministry works.',
  listStatement:
    'This list names the civil-society organisations SZW has had contact with since 1 January 2023. It is shared confidentially “for reasons of security”.',
  publisher: 'Published by',
  year: 'Year',
  asOf: 'Register as of',
  asOfValue: (date, size) => `${date} (${size} events)`,
  notConfigured: 'not configured',
  emptyRegister: 'empty register',
}

/** The publication words of a language. @example publicationLabels('nl').publisher // 'Uitgegeven door' */
export const publicationLabels = (language: Language): PublicationLabels => (language === 'en' ? en : nl)
