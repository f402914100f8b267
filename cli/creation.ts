/**
 * Which commands may create a register or a signing key (CLI.md, "Stores"): only `init`, `exec`,
 * `import csv` (not `--dry-run`), `snapshot`, `demo` and `key init`. Every other command only
 * reads, and a store or key that is not there is exit 2 with one line that names it. The program
 * decides once per run, before the action (a commander `preAction` hook), and the store and key
 * openers ask.
 */

/** The command paths (names below the program, joined by a space) that may create files. */
const CREATING = new Set(['init', 'exec', 'import csv', 'snapshot annual', 'snapshot confidential', 'demo', 'key init'])

/**
 * Commands that only read the register but sign what they print: beside a SQLite register that
 * exists they make its default key on first use (CLI.md: "created on first use with a message
 * that says so"); with no register there they make nothing.
 */
const SIGNING = new Set(['checkpoint', 'export', 'export tiles', 'prove inclusion'])

// until a command is chosen (openStore called from code, as tests do) opening may create
let allowed = true
let signs = false
let dryRun = false

/**
 * Whether a command may create its store or key: its path is one that creates and it is no dry run.
 *
 * @example
 * mayCreateFor(['import', 'csv'], { dryRun: true }) // false
 */
export const mayCreateFor = (path: ReadonlyArray<string>, options: { readonly dryRun?: unknown }): boolean =>
  CREATING.has(path.join(' ')) && options.dryRun !== true

/**
 * Sets, for this run, whether the command may create, and whether it is a dry run (which reads a
 * register that is not there yet as an empty one instead of failing).
 *
 * @example
 * allowCreation(mayCreateFor(['log'], {}), false)
 */
export const allowCreation = (yes: boolean, isDryRun: boolean, signing = false): void => {
  allowed = yes
  dryRun = isDryRun
  signs = signing
}

/**
 * Whether a command signs (and so may make the default key beside an existing register).
 *
 * @example
 * signsFor(['checkpoint']) // true
 */
export const signsFor = (path: ReadonlyArray<string>): boolean => SIGNING.has(path.join(' '))

/**
 * Whether the running command may make the default signing key: a command that creates, or one
 * that signs when the register the key belongs beside exists.
 *
 * @example
 * mayCreateKey(existsSync('register.db'))
 */
export const mayCreateKey = (registerExists: boolean): boolean => allowed || (signs && registerExists)

/** Whether the running command is a dry run. @example if (isDryRun()) … */
export const isDryRun = (): boolean => dryRun

/** Whether the running command may create its store or key (true until a command is chosen). @example if (!mayCreate()) … */
export const mayCreate = (): boolean => allowed
