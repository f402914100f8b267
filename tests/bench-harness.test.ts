/**
 * The benchmark harness's statistics and alternation, driven by fake workloads (no timing).
 */
import { describe, expect, it } from 'vitest'
import { advantage, alternation, median, percentile, percentiles, resultsJson, runWorkload, table, type Workload } from '../bench/harness.js'

/** A fake measure that returns the next of its figures and records when it ran. */
const scripted = (name: string, figures: number[], calls: string[]) => async () => {
  calls.push(name)
  return figures.shift()!
}

describe('benchmark harness', () => {
  it('median takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNaN()
  })

  it('alternation rotates the order each round, so every side runs first equally often', () => {
    const order = alternation(['ours', 'peer', 'raw'], 3)
    expect(order).toEqual([
      ['ours', 'peer', 'raw'],
      ['peer', 'raw', 'ours'],
      ['raw', 'ours', 'peer'],
    ])
    expect(order.map((r) => r[0])).toEqual(['ours', 'peer', 'raw'])
  })

  it('runs every measure once per round, interleaved, and reports the medians in the rows', async () => {
    const calls: string[] = []
    const w: Workload = {
      name: 'append-fake-single',
      unit: 'commands/s',
      n: 10,
      higherIsBetter: true,
      measures: {
        ours: scripted('ours', [100, 300, 200], calls),
        peer: scripted('peer', [10, 30, 20], calls),
        'peer-one-connection': scripted('peer1', [50, 40, 60], calls),
        raw: scripted('raw', [1000, 900, 800], calls),
      },
      rows: [
        { name: 'append-fake-single', peer: 'peer', raw: 'raw' },
        { name: 'append-fake-single-one-connection', peer: 'peer-one-connection', raw: 'raw' },
      ],
    }
    const seen: Array<[string, number, number]> = []
    const r = await runWorkload(w, 3, (m, v, round) => seen.push([m, v, round]))
    expect(calls).toEqual(['ours', 'peer', 'peer1', 'raw', 'peer', 'peer1', 'raw', 'ours', 'peer1', 'raw', 'ours', 'peer'])
    expect(seen.filter(([, , round]) => round === 1).map(([m]) => m)).toEqual(['peer', 'peer-one-connection', 'raw', 'ours'])
    expect(r.rows).toEqual([
      { name: 'append-fake-single', unit: 'commands/s', ours: 200, peer: 20, raw: 900, n: 10 },
      { name: 'append-fake-single-one-connection', unit: 'commands/s', ours: 200, peer: 50, raw: 900, n: 10 },
    ])
  })

  it('a workload without peer or raw reports null for them, and results.json has exactly the six fields', async () => {
    const w: Workload = { name: 'rss-verify', unit: 'MB', n: 1, higherIsBetter: false, measures: { ours: async () => 150 } }
    const r = await runWorkload(w, 3)
    const json = JSON.parse(resultsJson([r])) as { workloads: Array<Record<string, unknown>> }
    expect(json).toEqual({ workloads: [{ name: 'rss-verify', unit: 'MB', ours: 150, peer: null, raw: null, n: 1 }] })
    expect(Object.keys(json.workloads[0]!)).toEqual(['name', 'unit', 'ours', 'peer', 'raw', 'n'])
  })

  it('setup and teardown bracket the rounds, and teardown runs when a measure fails', async () => {
    const events: string[] = []
    const w: Workload = {
      name: 'w',
      unit: 'ms',
      n: 1,
      higherIsBetter: false,
      setup: async () => void events.push('setup'),
      teardown: async () => void events.push('teardown'),
      measures: {
        ours: async () => {
          events.push('ours')
          throw new Error('the store went away')
        },
      },
    }
    await expect(runWorkload(w, 3)).rejects.toThrow('the store went away')
    expect(events).toEqual(['setup', 'ours', 'teardown'])
  })

  it('advantage is above 1 when ours is better, for rates and for costs', () => {
    expect(advantage(200, 100, true)).toBe(2)
    expect(advantage(2, 4, false)).toBe(2)
    expect(advantage(1, null, true)).toBeNull()
  })

  it('a latency workload reports the median of its p50s as ours and of its p99s as p99; results.json and the table carry p99 only where there is one', async () => {
    const runs = [percentiles([1, 2, 3, 4, 100]), percentiles([2, 3, 4, 5, 200]), percentiles([1, 1, 1, 1, 50])]
    const latency: Workload = { name: 'append-latency-fake-10k', unit: 'ms', n: 5, higherIsBetter: false, measures: { ours: async () => runs.shift()! } }
    const plain: Workload = { name: 'rss-verify', unit: 'MB', n: 1, higherIsBetter: false, measures: { ours: async () => 150 } }
    const results = [await runWorkload(latency, 3), await runWorkload(plain, 1)]
    expect(results[0]!.rows).toEqual([{ name: 'append-latency-fake-10k', unit: 'ms', ours: 3, peer: null, raw: null, n: 5, p99: 100 }])
    const json = JSON.parse(resultsJson(results)) as { workloads: Array<Record<string, unknown>> }
    expect(Object.keys(json.workloads[0]!)).toEqual(['name', 'unit', 'ours', 'peer', 'raw', 'n', 'p99'])
    expect(Object.keys(json.workloads[1]!)).toEqual(['name', 'unit', 'ours', 'peer', 'raw', 'n'])
    const lines = table(results).split('\n')
    expect(lines[0]).toMatch(/\| ours \|\s+p99 \|/)
    expect(lines[2]).toMatch(/\| 3\.00 \| 100 \|/)
    expect(lines[3]).toMatch(/\|\s+150 \|\s+- \|/)
    expect(new Set(lines.map((l) => l.split('|').length)).size).toBe(1)
    expect(table([results[1]!])).not.toContain('p99')
  })

  it('percentiles are nearest-rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3)
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99)
    expect(percentile(Array.from({ length: 1000 }, (_, i) => i + 1), 99)).toBe(990)
    expect(percentile([7], 99)).toBe(7)
    expect(percentile([], 50)).toBeNaN()
  })

  it('the table shows every row with ours against peer and raw', async () => {
    const w: Workload = { name: 'prove', unit: 'ms/proof', n: 5, higherIsBetter: false, measures: { ours: async () => 0.5, raw: async () => 0.25 } }
    const text = table([await runWorkload(w, 1)])
    expect(text).toContain('| prove ')
    expect(text).toContain('0.50x') // ours takes twice the raw time
    expect(text.split('\n')).toHaveLength(3)
  })
})
