/**
 * Sealing a key figure's personal fields with AES-256-GCM under the person's own key; the person
 * id is bound in as additional authenticated data, so a sealed blob cannot be moved to another
 * person. Opening without the key (after erasure) gives `null`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Sealed } from '../domain/events.js'

/** The personal fields of a key figure. Never logged, never in an error, never in a report. */
export interface PersonalData {
  readonly name: string
  readonly role?: string
  readonly email?: string
  readonly phone?: string
}

/** A fresh random 256-bit key. @example const key = newPersonKey() */
export const newPersonKey = (): Buffer => randomBytes(32)

/**
 * Seals personal data for one person.
 *
 * @example
 * const sealed = seal(key, personId, { name: 'A. de Vries' })
 */
export const seal = (key: Uint8Array, personId: string, data: PersonalData): Sealed => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(personId, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()])
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  }
}

/**
 * Opens sealed personal data; `null` when the key is gone or does not fit.
 *
 * @example
 * const data = open(await keyOf(personId), personId, person.personal)
 */
export const open = (key: Uint8Array | null, personId: string, sealed: Sealed): PersonalData | null => {
  if (key === null) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(personId, 'utf8'))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8')
    return JSON.parse(text) as PersonalData
  } catch {
    return null
  }
}
