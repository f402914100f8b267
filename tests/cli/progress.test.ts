import { describe, expect, it } from 'vitest'
import { colourAllowed, pageProgress, startProgress, whileWaiting, type ProgressStream } from '../../cli/progress.js'

const stream = (isTTY: boolean) => {
  const chunks: string[] = []
  const s: ProgressStream = {
    isTTY,
    columns: 120,
    write: (c: string) => (chunks.push(c), true),
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  }
  return { s, text: () => chunks.join('') }
}

describe('progress on stderr', () => {
  it('on a terminal shows a bar with the count, the total and the rate', () => {
    const { s, text } = stream(true)
    const bar = startProgress('reading rows', 500, { stream: s, unit: 'rows', env: {} })
    bar.tick(100)
    bar.set(500)
    bar.stop()
    expect(text()).toMatch(/reading rows .*\d+\/500 rows \| [\d,]+\/s/)
  })

  it('writes nothing when the stream is not a terminal', async () => {
    const { s, text } = stream(false)
    const bar = startProgress('reading rows', 500, { stream: s })
    bar.tick(500)
    bar.stop()
    expect(await whileWaiting('appending', async () => 42, { stream: s })).toBe(42)
    expect(text()).toBe('')
  })

  it('uses colour only on a terminal and never when NO_COLOR is set', () => {
    expect(colourAllowed({ isTTY: true, write: () => true }, {})).toBe(true)
    expect(colourAllowed({ isTTY: true, write: () => true }, { NO_COLOR: '1' })).toBe(false)
    expect(colourAllowed({ isTTY: false, write: () => true }, {})).toBe(false)
    const { s, text } = stream(true)
    const bar = startProgress('verifying', 10, { stream: s, env: { NO_COLOR: '1' } })
    bar.tick(5)
    bar.stop()
    expect(text()).toMatch(/5\/10/)
    expect(text()).not.toMatch(/\x1b\[3\dm/)
    const coloured = stream(true)
    const other = startProgress('verifying', 10, { stream: coloured.s, env: {} })
    other.tick(5)
    other.stop()
    expect(coloured.text()).toMatch(/\x1b\[36m/)
  })

  it('shows a waiting line with the label on a terminal and clears it', async () => {
    const { s, text } = stream(true)
    await whileWaiting('appending 10 commands', async () => undefined, { stream: s })
    expect(text()).toMatch(/appending 10 commands … 0s/)
    expect(text().endsWith('\r\x1b[K')).toBe(true)
  })
})

describe('page-by-page progress (verify, export, reports)', () => {
  it('shows entries done of the total on a terminal once the work is more than its first page, and nothing elsewhere', () => {
    const tty = stream(true)
    const p = pageProgress('verifying', 'entries', 12_000, { stream: tty.s, env: {} })
    p.update(5_000)
    p.update(10_000)
    p.update(12_000)
    p.stop()
    expect(tty.text()).toMatch(/verifying .*\d+\/12000 entries/)
    const pipe = stream(false)
    const q = pageProgress('verifying', 'entries', 12_000, { stream: pipe.s })
    q.update(5_000)
    q.stop()
    expect(pipe.text()).toBe('')
    const small = stream(true)
    const r = pageProgress('verifying', 'entries', 40, { stream: small.s, env: {} })
    r.update(40)
    r.stop()
    expect(small.text()).toBe('')
  })
})
