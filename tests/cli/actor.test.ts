/**
 * Who is acting on the command line (CLI.md): `--actor`, else `CONTACT_LEDGER_ACTOR`; an empty or
 * malformed value is a usage error (exit 2) naming where it came from.
 */
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { ACTOR_ENV, actorOption, resolveActor } from '../../cli/actor.js'
import { CliError } from '../../cli/errors.js'

const failure = (f: () => unknown): CliError => {
  try {
    f()
  } catch (e) {
    if (e instanceof CliError) return e
    throw e
  }
  throw new Error('expected a usage error')
}

describe('resolveActor', () => {
  it('takes --actor first, then the environment, else undefined', () => {
    expect(resolveActor({ actor: 'a.jansen' }, { [ACTOR_ENV]: 'c.desmet' })).toBe('a.jansen')
    expect(resolveActor({}, { [ACTOR_ENV]: 'c.desmet' })).toBe('c.desmet')
    expect(resolveActor({}, {})).toBeUndefined()
  })

  it('an empty CONTACT_LEDGER_ACTOR is an error naming the variable (exit 2), one line', () => {
    const e = failure(() => resolveActor({}, { [ACTOR_ENV]: '' }))
    expect(e.code).toBe(2)
    expect(e.message).toContain('CONTACT_LEDGER_ACTOR')
    expect(e.message).not.toContain('\n')
  })

  it('an empty, blank, over-long or control-character --actor is an error naming --actor', () => {
    for (const bad of ['', '  ', 'x'.repeat(201), 'a\nb', 'a.jansen ']) {
      const e = failure(() => resolveActor({ actor: bad }, {}))
      expect(e.code).toBe(2)
      expect(e.message).toContain('--actor')
      expect(e.message).not.toContain('\n')
    }
    expect(failure(() => resolveActor({}, { [ACTOR_ENV]: ' \t' })).message).toContain(ACTOR_ENV)
  })

  it('actorOption registers --actor, with the variable named in its help', () => {
    const cmd = actorOption(new Command('x').exitOverride())
    cmd.parse(['--actor', 'a.jansen'], { from: 'user' })
    expect(cmd.opts()).toEqual({ actor: 'a.jansen' })
    expect(cmd.helpInformation()).toContain(ACTOR_ENV)
  })
})
