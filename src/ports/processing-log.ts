/**
 * The ProcessingLog port: one record per processing of a key figure's personal data, after the
 * Dutch government standard Logboek Dataverwerkingen (LDV). Records carry a pseudonymised data
 * subject id and never the identity of the user who caused the processing.
 */

/** One processing of one person's data (an OpenTelemetry-style span, flattened as LDV writes it). */
export interface ProcessingRecord {
  readonly trace_id: string
  readonly span_id: string
  /** What was done, e.g. `unseal-key-figure`, `erase-key-figure`. */
  readonly name: string
  readonly status: 'OK' | 'ERROR'
  readonly start_time: string
  readonly end_time: string
  /** The processing activity in the ministry's register of processing activities. */
  readonly 'dpl.core.processing_activity_id': string
  /** The person, pseudonymised: never the person id itself. */
  readonly 'dpl.core.data_subject_id': string
}

export interface ProcessingLog {
  /** Writes records; an implementation must not drop them silently. */
  readonly write: (records: ReadonlyArray<ProcessingRecord>) => Promise<void>
}

/** The processing activities the register performs on personal data. */
export const PROCESSING_ACTIVITIES = {
  read: 'szw-contactregister/sleutelfiguren/inzage',
  erase: 'szw-contactregister/sleutelfiguren/verwijdering',
  /** A record's sealed free texts redacted (rule 21). */
  redact: 'szw-contactregister/vrije-tekst/verwijdering',
} as const
