/**
 * Progress on stderr for work that takes more than a second: a cli-progress bar with counts and
 * rate when stderr is a terminal, nothing at all when it is not (pipes, files, CI logs), and no
 * colour when NO_COLOR is set. cli-progress is used because it is maintained, small and handles
 * terminal redraw and throttling; the helpers here only decide when to show it.
 */
import { SingleBar } from 'cli-progress'

/** Where progress goes: a stream that may be a terminal (process.stderr by default). */
export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  write(chunk: string): boolean
  cursorTo?: (x: number, y?: number) => boolean
  clearLine?: (dir: -1 | 0 | 1) => boolean
  moveCursor?: (dx: number, dy: number) => boolean
}

export interface ProgressOptions {
  readonly stream?: ProgressStream
  readonly env?: Readonly<Record<string, string | undefined>>
  /** What is counted, plural: "rows", "entries" (default "items"). */
  readonly unit?: string
}

/** A running progress display; every method does nothing when progress is not shown. */
export interface Progress {
  /** Counts `n` more items done (default 1). */
  readonly tick: (n?: number) => void
  /** Sets the count of items done. */
  readonly set: (done: number) => void
  /** Ends the display (the line is cleared). */
  readonly stop: () => void
}

const NONE: Progress = { tick: () => {}, set: () => {}, stop: () => {} }

/** Whether progress is shown on a stream: only on a terminal. @example if (showsProgress()) process.stderr.write('…') */
export const showsProgress = (stream: ProgressStream = process.stderr): boolean => stream.isTTY === true

/**
 * Whether colour may be used on a stream: a terminal, and NO_COLOR unset or empty (no-color.org).
 *
 * @example
 * const cyan = colourAllowed() ? '\x1b[36m' : ''
 */
export const colourAllowed = (stream: ProgressStream = process.stderr, env: Readonly<Record<string, string | undefined>> = process.env): boolean =>
  stream.isTTY === true && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '')

/**
 * Starts a progress bar of `total` items with a label, counts and rate; nothing when stderr is not
 * a terminal. Call `stop()` when done (also on failure).
 *
 * @example
 * const bar = startProgress('verifying', size, { unit: 'entries' })
 * for (const e of entries) { check(e); bar.tick() }
 * bar.stop()
 */
export const startProgress = (label: string, total: number, options: ProgressOptions = {}): Progress => {
  const stream = options.stream ?? process.stderr
  if (!showsProgress(stream)) return NONE
  const colour = colourAllowed(stream, options.env ?? process.env)
  const unit = options.unit ?? 'items'
  const started = Date.now()
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: `${label} ${colour ? '\x1b[36m{bar}\x1b[0m' : '{bar}'} {value}/{total} ${unit} | {rate}/s | {duration_formatted}`,
    barCompleteChar: '#',
    barIncompleteChar: '-',
    hideCursor: true,
    clearOnComplete: true,
    fps: 10,
  })
  let done = 0
  const rate = () => {
    const seconds = (Date.now() - started) / 1000
    return seconds <= 0 ? '0' : Math.round(done / seconds).toLocaleString('en')
  }
  bar.start(total, 0, { rate: '0' })
  return {
    tick: (n = 1) => {
      done += n
      bar.update(done, { rate: rate() })
    },
    set: (value) => {
      done = value
      bar.update(done, { rate: rate() })
    },
    stop: () => bar.stop(),
  }
}

/**
 * Shows a label and the seconds elapsed while one long step runs that cannot count its items (one
 * atomic append, say); nothing when stderr is not a terminal.
 *
 * @example
 * const receipts = await whileWaiting('appending 38,211 commands in one transaction', () => ledger.executeBatch(cmds))
 */
export const whileWaiting = async <A>(label: string, work: () => Promise<A>, options: ProgressOptions = {}): Promise<A> => {
  const stream = options.stream ?? process.stderr
  if (!showsProgress(stream)) return work()
  const started = Date.now()
  const draw = () => stream.write(`\r${label} … ${((Date.now() - started) / 1000).toFixed(0)}s\x1b[K`)
  draw()
  const timer = setInterval(draw, 500)
  try {
    return await work()
  } finally {
    clearInterval(timer)
    stream.write('\r\x1b[K')
  }
}

/**
 * Progress for work that reports itself page by page (verify, export, reports over a long log):
 * the bar starts at the first report, only for work of more than one page, and `stop` clears it.
 *
 * @example
 * const p = pageProgress('verifying', 'entries', size)
 * await verifyLog(store, { onProgress: p.update }); p.stop()
 */
export const pageProgress = (label: string, unit: string, total?: number, options: ProgressOptions = {}) => {
  let bar: Progress | undefined
  return {
    update: (done: number, of: number | undefined = total) => {
      if (bar === undefined && of !== undefined && of > done) bar = startProgress(label, of, { ...options, unit })
      bar?.set(done)
    },
    stop: () => bar?.stop(),
  }
}
