/** `exec [FILE|-]`: applies JSON Lines commands in order, one JSON answer per line. */
import type { Command } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import type { Rejection } from '../../src/index.js'
import { ACTOR_ENV, actorOption, resolveActor } from '../actor.js'
import { usingLedger, withStore } from '../context.js'
import { CliError, usage } from '../errors.js'
import { println } from '../io.js'
import { decodeStrict, MAX_INPUT_BYTES, MAX_JSON_DEPTH, MAX_LINE_BYTES, nestsDeeperThan, readBounded } from '../input-limits.js'

const answerError = (error: Pick<Rejection, '_tag' | 'message'>) => JSON.stringify({ ok: false, error: { _tag: error._tag, message: error.message } })

export const registerExec = (program: Command): void => {
  actorOption(withStore(
    program
      .command('exec')
      .summary('apply JSON Lines commands in order')
      .description(
        'Applies commands (one JSON object a line, DOMAIN.md format) in order and answers each line with one JSON line: ' +
          '{"ok":true,"events":[{"position":N,"type":"…"}]} or {"ok":false,"error":{"_tag":"…","message":"…"}}. ' +
          'Exit code 1 when any line was rejected.\n\n' +
          `Input: UTF-8 (a byte-order mark is dropped; LF or CRLF line ends); a line of at most ${MAX_LINE_BYTES / 1024} KiB, ` +
          `nesting at most ${MAX_JSON_DEPTH} levels of arrays and objects; a file of at most ${MAX_INPUT_BYTES / 1024 / 1024} MiB. ` +
          'A file that is not UTF-8 or has a longer line is refused whole (exit 2) and nothing from it is applied; ' +
          'a line nested deeper is answered as a DecodeError, like a line that is not JSON.\n\n' +
          'The rules since issue 13 (README, "Why"): the letter says SZW "geen wettelijke grondslag" has to judge organisations itself, ' +
          'and draws the line at "organisaties die door veiligheidsdiensten worden ontraden" and those that voice support for terrorist organisations. ' +
          'So a contact is judged on its own date against the exclusions and security-service advice of that day (a contact entered late is judged on when it happened); ' +
          'a refused contact that did happen is entered as an acknowledged breach ("breach": {"reason": "…"}) and reviewed with reviewBreach; ' +
          'an exclusion rests only on security-service-advice or supports-terrorist-organisation (GroundNotAllowed otherwise); ' +
          'advice comes only from a security service; what others say is a fact (recordFact) and blocks nothing.\n\n' +
          'Who acts (DOMAIN.md rules 12, 18): --actor ID (or CONTACT_LEDGER_ACTOR) is required, and every line acts for that one person; a line may leave "actor" out or give only its "role", ' +
          'and a line whose actor.id names someone else is refused (ActorMismatch), so one file cannot act for two people (a proposal and its confirmation are two runs, by two people). ' +
          "The actor must hold the command's role on the day it is recorded, by the register's grants, whatever role a line names " +
          '(Unauthorized otherwise, naming the roles held and the one needed); a register without grants (new, or written before grants existed) takes nothing until it is opened with contact-ledger init --administrator ID.',
      )
      .argument('[file]', 'a JSON Lines file, or - for standard input', '-'),
    ),
    'the person every command acts for (required); a line naming another actor.id is refused',
  )
    .addHelpText('after', '\nExample:\n  contact-ledger exec --store sqlite:register.db --actor a.jansen commands.jsonl')
    .action(async (file: string, opts: { store?: string; actor?: string }) => {
      const actor = resolveActor(opts)
      // rule 18: every write names who acts; nothing is read or appended without it
      if (actor === undefined) throw usage(`exec acts for one person: name them with --actor ID (or ${ACTOR_ENV}); every line is checked against that person's grants`)
      const name = file === '-' ? 'standard input' : file
      const text = decodeStrict(readBounded(file), name)
      let rejected = 0
      await usingLedger(opts, async ({ ledger }) => {
        const lines = text.split(/\r?\n/)
        for (const [i, line] of lines.entries()) {
          if (line.trim() === '') continue
          let input: unknown
          if (nestsDeeperThan(line)) {
            rejected++
            println(answerError({ _tag: 'DecodeError', message: `line ${i + 1} nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels; a command needs far fewer` }))
            continue
          }
          try {
            input = JSON.parse(line)
          } catch (e) {
            rejected++
            println(answerError({ _tag: 'DecodeError', message: `line ${i + 1} is not JSON: ${(e as Error).message}` }))
            continue
          }
          const r = await ledger.as(actor).execute(input)
          if (E.isRight(r)) {
            const events = r.right.events.map((e) => ({ position: e.position, type: e.type }))
            // a proposal (rule 19) answers with its id, to confirm it by
            const proposal = r.right.proposalId !== undefined ? { proposalId: r.right.proposalId } : {}
            println(JSON.stringify(r.right.replayed ? { ok: true, replayed: true, ...proposal, events } : { ok: true, ...proposal, events }))
          } else {
            println(answerError(r.left))
            if (r.left._tag === 'StoreError') throw new CliError(`line ${i + 1}: ${r.left.message}`, 2)
            rejected++
          }
        }
      })
      if (rejected > 0) process.exitCode = 1
    })
}
