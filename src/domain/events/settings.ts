/**
 * Events of the register's own settings (rule 24): the log's origin, the publisher named on the
 * reports and the late-entry threshold are recorded in the log like everything else, so every
 * rendering is a function of the log alone.
 */
import * as t from 'io-ts'
import { closed } from '../codec.js'
import { NonEmptyString } from '../values.js'
import { defineFamily } from './family.js'

/** The tag every settings event carries: a configuration reads the settings and nothing else. */
export const SETTINGS_TAG = 'register:settings'

/** One configuration: the settings it changes (at least one); those it leaves out keep their value. */
export const RegisterConfigured = closed(
  'RegisterConfigured',
  {},
  { origin: NonEmptyString, publisher: NonEmptyString, lateEntryDays: t.number },
)

/** The settings family: RegisterConfigured, with how it folds into the state and its tag. */
export const settingsFamily = defineFamily({
  codecs: { RegisterConfigured },
  behaviour: {
    RegisterConfigured: {
      evolve: (s, d, at) => {
        s.settings = { ...s.settings, ...d, position: at.position }
      },
      tags: () => [SETTINGS_TAG],
    },
  },
})
