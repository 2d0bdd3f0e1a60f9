// @ts-check
// The measuring half of `npm run bench` (scripts/bench.js), importable by tests
// (__tests__/tooling/bench.test.ts): how calls are counted and grouped into sequential waves, and the
// account-size measurement (a no-op run by pool-name and by user-pool-id with N other pools, and the create).
import { performance } from 'node:perf_hooks'
import { startLocalCognito } from '../tools/local-cognito/server.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readActionYml, runAction } from '../tools/run-action.js'
import { localCognitoEnv } from '../tools/local-env.js'

/**
 * What a sequential wave is, printed by the bench so that a reader can check it.
 * The definition is the longest chain of calls each of which reached the local Cognito after the previous
 * one's answer had left it. It is a lower bound on what the run's AWS calls cost: with a fixed latency L per
 * call, the run spends at least waves × L waiting for AWS, however the calls are issued.
 */
export const WAVE_DEFINITION = [
  'A call C is in wave 1 when no recorded call was answered before C arrived, else in wave 1 + the highest wave',
  'of the calls answered before C arrived (arrival and answer as seen by the local Cognito, after its added',
  'latency). "Sequential waves" is the highest wave: the longest chain of calls each of which started after',
  'the previous one ended. Calls in one wave overlap in time; a call that needs an earlier answer is always',
  'in a later wave. A late client can only push a call into a later wave, never an earlier one, so the',
  'smallest count over the repetitions is reported.',
].join('\n')

/** @typedef {{ operation: string, started: number, ended?: number }} TimedCall */

/**
 * The environment the runner gives the action (action.yml defaults, INPUT_*, GITHUB_* files in `work`), for
 * runs that are timed to their first request (tools/run-action.js runs them to the end).
 */
export function actionEnv(/** @type {string} */ work, /** @type {Record<string, string>} */ inputs) {
  /** @type {Record<string, string>} */
  const e = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? work,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'acme/webapp',
  }
  for (const [name, spec] of Object.entries(readActionYml().inputs)) if (spec.default !== undefined) e[`INPUT_${name.toUpperCase()}`] = String(spec.default)
  for (const [name, value] of Object.entries(inputs)) e[`INPUT_${name.toUpperCase()}`] = value
  for (const f of ['OUTPUT', 'STEP_SUMMARY', 'STATE', 'ENV', 'PATH']) {
    writeFileSync(join(work, f), '')
    e[`GITHUB_${f}`] = join(work, f)
  }
  writeFileSync(join(work, 'event.json'), '{}')
  e.GITHUB_EVENT_PATH = join(work, 'event.json')
  return e
}

/** @param {string} operation */
export const isRead = (operation) => /^(Describe|List|Get)/.test(operation)

/**
 * Each call's wave (same order as `calls`) and the number of sequential waves. A call never answered
 * (its connection reset without `ended`) precedes nothing.
 * @param {TimedCall[]} calls
 * @returns {{ waves: number, waveOf: number[] }}
 */
export function sequentialWaves(calls) {
  const order = calls.map((_, i) => i).sort((a, b) => (calls[a]?.started ?? 0) - (calls[b]?.started ?? 0))
  /** @type {number[]} */
  const waveOf = calls.map(() => 0)
  for (const i of order) {
    const c = /** @type {TimedCall} */ (calls[i])
    let before = 0
    for (const j of order) {
      const p = /** @type {TimedCall} */ (calls[j])
      if (p.started > c.started) break
      if (j !== i && p.ended !== undefined && p.ended <= c.started) before = Math.max(before, waveOf[j] ?? 0)
    }
    waveOf[i] = before + 1
  }
  return { waves: Math.max(0, ...waveOf), waveOf }
}

/**
 * The cost of one run from the calls the local Cognito recorded for it: calls, reads, writes, sequential
 * waves, the operations of each wave (sorted by name within a wave), the time from the first call's arrival
 * to the last answer (with a fixed latency L, at least waves × L), and the timeline the waves were computed
 * from (each call's arrival and answer in ms after the first arrival, and its wave), so that a reader of the
 * JSON can check them.
 * @param {TimedCall[]} calls
 */
export function costOf(calls) {
  const { waves, waveOf } = sequentialWaves(calls)
  /** @type {string[][]} */
  const perWave = Array.from({ length: waves }, () => [])
  calls.forEach((c, i) => perWave[(waveOf[i] ?? 1) - 1]?.push(c.operation))
  for (const ops of perWave) ops.sort()
  const reads = calls.filter((c) => isRead(c.operation)).length
  const first = Math.min(...calls.map((c) => c.started))
  const last = Math.max(...calls.map((c) => c.ended ?? c.started))
  /** @type {Record<string, number>} */
  const byOperation = {}
  for (const c of calls) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1
  const ms = (/** @type {number} */ t) => Math.round((t - first) * 10) / 10
  const timeline = calls
    .map((c, i) => ({ operation: c.operation, startMs: ms(c.started), endMs: c.ended === undefined ? null : ms(c.ended), wave: waveOf[i] ?? 1 }))
    .sort((a, b) => a.startMs - b.startMs)
  return { calls: calls.length, reads, writes: calls.length - reads, waves, perWave, byOperation, awsMs: calls.length ? Math.round(last - first) : 0, timeline }
}

/** @typedef {ReturnType<typeof costOf>} Cost */

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return 0
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** The q-quantile (0..1) by linear interpolation. @param {number[]} xs @param {number} q */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return 0
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return (s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (pos - lo)
}

/** @typedef {import('../tools/local-cognito/server.js').LocalCognito} LocalCognito */

/**
 * One run of the built action against `lc` with `latencyMs` added to every Cognito call: its cost (from the
 * calls the local Cognito recorded) and its wall time from spawn to exit. Throws when the run fails, or when
 * `noOp` and it wrote (the state would not be what the bench meant to measure).
 * @param {{ lc: LocalCognito, inputs: Record<string, string>, latencyMs: number, node?: string, noOp?: boolean }} o
 */
export async function runOnce(o) {
  o.lc.latencyMs = o.latencyMs
  o.lc.clearCalls()
  const t0 = performance.now()
  const result = await runAction({ inputs: o.inputs, env: localCognitoEnv(o.lc, { NODE_NO_WARNINGS: '1' }), ...(o.node ? { node: o.node } : {}) })
  const wallMs = performance.now() - t0
  o.lc.latencyMs = 0
  if (result.exitCode !== 0) throw new Error(`run with ${JSON.stringify(o.inputs)}: exit ${result.exitCode}: ${result.errors.join('; ')}`)
  const cost = costOf(o.lc.calls)
  if (o.noOp && (cost.writes > 0 || result.outputs.changed !== 'false')) {
    throw new Error(
      `a no-op run wrote (${JSON.stringify(cost.byOperation)}, changed=${result.outputs.changed}): the state is not what the bench meant to measure`,
    )
  }
  return { cost, wallMs, outputs: result.outputs }
}

/**
 * The repetitions of one measurement as one row: the calls of the repetition with the fewest waves (see
 * WAVE_DEFINITION), the median wall time, and every repetition's waves. Throws when the repetitions made
 * different calls (the measurement would not be of one thing).
 * @param {{ cost: Cost, wallMs: number }[]} samples
 */
export function summarize(samples) {
  const counts = new Set(samples.map((s) => JSON.stringify(s.cost.byOperation)))
  if (counts.size > 1) throw new Error(`the repetitions made different calls: ${[...counts].join(' / ')}`)
  const best = samples.map((s) => s.cost).reduce((a, b) => (b.waves < a.waves ? b : a))
  return { ...best, wallMs: Math.round(median(samples.map((s) => s.wallMs))), wavesSeen: samples.map((s) => s.cost.waves) }
}

/** @typedef {ReturnType<typeof summarize>} Row */

/**
 * `repeat` runs with the same inputs and state (`prepare`, at no latency, puts the state back before each).
 * @param {{ lc: LocalCognito, inputs: Record<string, string>, latencyMs: number, repeat: number, node?: string, noOp?: boolean,
 *   prepare?: () => Promise<void> }} o
 */
export async function measureRun(o) {
  const samples = []
  for (let i = 0; i < o.repeat; i++) {
    if (o.prepare) await o.prepare()
    samples.push(await runOnce(o))
  }
  return summarize(samples)
}

/** The inputs of the measured pool (the other pools are seeded around it). */
export const BENCH_INPUTS = { 'pool-name': 'bench', domain: 'bench-sso', 'callback-urls': 'https://app.example.com/callback' }

/**
 * Cost against account size. For each size N, a local Cognito with N other pools (`lc.seedPools`: names
 * sorting before and after the measured one and starting with it, some with this action's tags, some with
 * domains), then:
 * - the create path (no race): `repeat` runs, each against a fresh account of N other pools;
 * - a no-op run by `pool-name` and one by `user-pool-id` (`repeat` runs each), with half of the other pools
 *   made before the measured pool and half after, so that it sits in the middle of ListUserPools' pages.
 * `createSizes` (default: every size) limits the create path to some sizes (the bench's time). `before`, when
 * given, is called before each measured run (e.g. to set `lc.barrier`s; none may be left pending after it).
 * @typedef {'create' | 'no-op by pool-name' | 'no-op by user-pool-id'} RunKind
 * @param {{ sizes: number[], latencyMs: number, repeat: number, node?: string, inputs?: Record<string, string>, createSizes?: number[],
 *   before?: (lc: LocalCognito, run: RunKind) => void }} o
 */
export async function measureAccountSizes(o) {
  const inputs = o.inputs ?? BENCH_INPUTS
  const near = inputs['pool-name'] ?? ''
  const node = o.node ? { node: o.node } : {}
  /** `before` for this run (before each repetition, with `prepare`), then `measure`; no barrier may be left pending. */
  const held = async (/** @type {LocalCognito} */ lc, /** @type {RunKind} */ run, /** @type {(prepare: () => Promise<void>) => Promise<Row>} */ measure) => {
    const row = await measure(async () => o.before?.(lc, run))
    if (lc.pendingBarriers > 0) throw new Error(`${run}: a barrier set before it was never let through (the calls it holds were not all made)`)
    return row
  }
  /** @type {{ otherPools: number, create?: Row, byName: Row, byId: Row }[]} */
  const rows = []
  for (const size of o.sizes) {
    const samples = []
    const creates = (o.createSizes ?? o.sizes).includes(size) ? o.repeat : 0
    for (let i = 0; i < creates; i++) {
      const fresh = await startLocalCognito({ region: 'us-east-1' })
      try {
        fresh.seedPools(size, { near })
        o.before?.(fresh, 'create')
        samples.push(await runOnce({ lc: fresh, inputs, latencyMs: o.latencyMs, ...node }))
        if (fresh.pendingBarriers > 0) throw new Error('create: a barrier set before it was never let through (the calls it holds were not all made)')
      } finally {
        await fresh.close()
      }
    }
    const create = samples.length > 0 ? summarize(samples) : undefined

    const lc = await startLocalCognito({ region: 'us-east-1' })
    try {
      const before = Math.floor(size / 2)
      lc.seedPools(before, { near })
      const made = await runOnce({ lc, inputs, latencyMs: 0, ...node })
      const poolId = made.outputs['user-pool-id']
      if (!poolId) throw new Error('the create run gave no user-pool-id output')
      lc.seedPools(size - before, { near })
      const common = { lc, latencyMs: o.latencyMs, repeat: o.repeat, noOp: true, ...node }
      const byName = await held(lc, 'no-op by pool-name', (prepare) => measureRun({ ...common, prepare, inputs }))
      const byId = await held(lc, 'no-op by user-pool-id', (prepare) => measureRun({ ...common, prepare, inputs: { ...inputs, 'user-pool-id': poolId } }))
      rows.push({ otherPools: size, ...(create ? { create } : {}), byName, byId })
    } finally {
      await lc.close()
    }
  }
  return rows
}
