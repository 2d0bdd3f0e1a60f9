// @ts-check
// `npm run bench`: what a run costs (docs/performance.md says how to read it).
// - Bundle size: dist/index.js and the chunks it loads on demand.
// - Start-up to the first AWS request, under the Node 24 binary (the runtime action.yml declares) and this
//   process's Node, each against bare node making the same first request: STARTUP_RUNS rounds, the four
//   kinds interleaved (order rotated each round); median and spread of each, and of the paired differences.
// - Cost against account size (scripts/bench-lib.js): a no-op run by pool-name and by user-pool-id with 0,
//   300 and 1,000 other pools in the local Cognito, and the create path with 0 and 1,000, as AWS calls (reads, writes),
//   sequential waves (defined in bench-lib.js, printed below the table) with the operations of each wave,
//   and wall time with LATENCY_MS added to every Cognito call.
// - Other runs (plan mode, a changed callback URL, MFA / managed login v2 / invited users).
// Prints tables; --json for JSON. --startup-only skips the runs; --dist=<dir> times another build's start-up.
// BENCH_STARTUP_RUNS and BENCH_REPEAT change the repetitions.
import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { startFakeIdp } from '../tools/fake-idp.js'
import { startLocalCognito } from '../tools/local-cognito/server.js'
import { ROOT, node24Path, runAction } from '../tools/run-action.js'
import { localCognitoEnv } from '../tools/local-env.js'
import { BENCH_INPUTS, WAVE_DEFINITION, actionEnv, measureAccountSizes, measureRun, median, quantile } from './bench-lib.js'

const LATENCY_MS = 100
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3)
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 21)
const SIZES = [0, 300, 1000]
// The create path at the ends only (each repetition is a fresh account): the bench stays under two minutes.
const CREATE_SIZES = [0, 1000]
const json = process.argv.includes('--json')
const startupOnly = process.argv.includes('--startup-only')
// The runtime action.yml declares (runs.using: node24); this process's Node when there is no Node 24 binary here.
const NODE24 = node24Path()
const RUN_NODE = NODE24 ?? process.execPath
/** @param {string} node */
const versionOf = (node) => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()

// --dist=<dir> measures another build (e.g. a copy of an older dist/) with the same inputs.
const DIST = process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(ROOT, 'dist')
const bundle = readFileSync(join(DIST, 'index.js'))
const chunks = readdirSync(DIST).filter((f) => f.endsWith('.js') && f !== 'index.js')
const chunkBytes = chunks.reduce((n, f) => n + readFileSync(join(DIST, f)).length, 0)

/**
 * The main thread's time on a CPU and waiting for one (run queue), in ms, from Linux's
 * /proc/<pid>/schedstat; undefined elsewhere. The first is what start-up costs whatever the load; the
 * second is what the load of a shared machine adds to the wall time.
 * @param {number | undefined} pid @returns {{ cpuMs: number, queuedMs: number } | undefined}
 */
function schedstat(pid) {
  try {
    const [cpu, queued] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number)
    return cpu === undefined || queued === undefined ? undefined : { cpuMs: cpu / 1e6, queuedMs: queued / 1e6 }
  } catch {
    return undefined
  }
}

/**
 * Milliseconds from spawning `<node> args` to the first HTTP request it sends to a server that
 * records the arrival and never answers (with the main thread's CPU and run-queue time by then, where
 * Linux tells them); the process is then killed.
 * @param {string} node @param {string[]} args @param {(url: string) => Record<string, string>} envFor
 * @returns {Promise<{ ms: number, cpuMs?: number, queuedMs?: number }>}
 */
async function untilFirstRequest(node, args, envFor) {
  /** @type {(t: number) => void} */
  let arrived = () => {}
  const first = new Promise((resolve) => (arrived = resolve))
  /** @type {ReturnType<typeof schedstat>} */
  let sched
  const server = createServer(() => {
    sched = schedstat(child.pid)
    arrived(performance.now())
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const t0 = performance.now()
  const child = spawn(node, args, { env: envFor(url), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise((resolve) => child.on('exit', () => resolve(-1)))
  const t1 = await Promise.race([first, exited])
  child.kill('SIGKILL')
  await exited
  server.closeAllConnections()
  server.close()
  if (t1 === -1) throw new Error(`${node} ${args.join(' ')} exited before its first request:\n${output}`)
  return { ms: /** @type {number} */ (t1) - t0, ...sched }
}

/** @param {number[]} xs */
function spread(xs) {
  const r = (/** @type {number} */ x) => Math.round(x)
  return { median: r(median(xs)), p25: r(quantile(xs, 0.25)), p75: r(quantile(xs, 0.75)), min: r(Math.min(...xs)), max: r(Math.max(...xs)) }
}

/**
 * Start-up to the first AWS request of dist/index.js and of bare node, under each Node given, all kinds
 * interleaved in each round (the order rotated from round to round, so that none always runs first after
 * the others), so that the load of a shared machine falls on all of them alike. The difference is taken
 * within each round (paired), then its median: steadier than the difference of the two medians.
 * @param {Record<string, string>} inputs @param {{ label: string, node: string }[]} nodes
 */
async function startupToFirstRequest(inputs, nodes) {
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'))
  try {
    const base = actionEnv(work, inputs)
    const aws = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_MAX_ATTEMPTS: '1', NODE_NO_WARNINGS: '1' }
    const bare = "require('node:http').request(process.env.AWS_ENDPOINT_URL, { method: 'POST' }).end('{}')"
    const kinds = nodes.flatMap(({ label, node }) => [
      { label, kind: 'bare', run: () => untilFirstRequest(node, ['-e', bare], (url) => ({ PATH: base.PATH ?? '', AWS_ENDPOINT_URL: url })) },
      { label, kind: 'action', run: () => untilFirstRequest(node, [join(DIST, 'index.js')], (url) => ({ ...base, ...aws, AWS_ENDPOINT_URL: url })) },
    ])
    /** @typedef {Awaited<ReturnType<typeof untilFirstRequest>>} Sample */
    /** @type {Record<string, { bare: Sample[], action: Sample[] }>} */
    const times = Object.fromEntries(nodes.map(({ label }) => [label, { bare: [], action: [] }]))
    for (const k of kinds) await k.run() // warm the file cache; not counted
    const loadBefore = loadavg()[0] ?? 0
    for (let round = 0; round < STARTUP_RUNS; round++) {
      for (let i = 0; i < kinds.length; i++) {
        const k = /** @type {(typeof kinds)[number]} */ (kinds[(i + round) % kinds.length])
        times[k.label]?.[/** @type {'bare' | 'action'} */ (k.kind)].push(await k.run())
      }
    }
    const load = [loadBefore, loadavg()[0] ?? 0].map((l) => Math.round(l * 100) / 100)
    return nodes.map(({ label, node }) => {
      const t = /** @type {{ bare: Sample[], action: Sample[] }} */ (times[label])
      const over = t.action.map((a, i) => a.ms - (t.bare[i]?.ms ?? 0))
      const cpu = (/** @type {Sample[]} */ xs) => xs.map((x) => x.cpuMs).filter((x) => x !== undefined)
      const queued = (/** @type {Sample[]} */ xs) => xs.map((x) => x.queuedMs).filter((x) => x !== undefined)
      const cpuOver = t.action.flatMap((a, i) => (a.cpuMs !== undefined && t.bare[i]?.cpuMs !== undefined ? [a.cpuMs - t.bare[i].cpuMs] : []))
      return {
        node: label,
        version: versionOf(node),
        runs: STARTUP_RUNS,
        loadAverage1mBeforeAfter: load,
        actionMs: spread(t.action.map((x) => x.ms)),
        bareNodeMs: spread(t.bare.map((x) => x.ms)),
        overBareNodeMs: spread(over),
        ...(cpuOver.length > 0
          ? {
              mainThreadCpuMs: { action: spread(cpu(t.action)), bareNode: spread(cpu(t.bare)), overBareNode: spread(cpuOver) },
              mainThreadQueuedMs: { action: spread(queued(t.action)), bareNode: spread(queued(t.bare)) },
            }
          : {}),
      }
    })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Start-up to exit on invalid input: a run that fails validation makes no AWS call (median of REPEAT). */
async function startupToExit() {
  const lc = await startLocalCognito({ region: 'us-east-1' })
  try {
    const env = localCognitoEnv(lc, { NODE_NO_WARNINGS: '1' })
    const times = []
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now()
      await runAction({ inputs: { ...BENCH_INPUTS, domain: 'Bad' }, env, node: RUN_NODE })
      times.push(performance.now() - t0)
    }
    if (lc.calls.length > 0) throw new Error('a run with an invalid input called AWS')
    return Math.round(median(times))
  } finally {
    await lc.close()
  }
}

/** Other kinds of run, with no other pools: plan mode, a changed callback URL, MFA / managed login v2 / invited users. */
async function otherRuns() {
  const lc = await startLocalCognito({ region: 'us-east-1' })
  // The local Cognito fetches an OIDC issuer's discovery document, as AWS does: the fake IdP serves it.
  const idp = await startFakeIdp()
  const env = localCognitoEnv(lc, { NODE_NO_WARNINGS: '1' })
  const FEATURES = { ...BENCH_INPUTS, mfa: 'optional', 'mfa-methods': 'totp', 'managed-login': 'v2', 'invite-users': 'admin@example.com' }
  const FEDERATION = {
    ...BENCH_INPUTS,
    'federated-providers': `- name: Corp\n  type: oidc\n  issuer: ${idp.oidcIssuer}\n  client-id: corp\n  client-secret: s3cret\n  scopes: openid email`,
    'resource-servers': '- identifier: api\n  scopes: [read]',
    'oauth-scopes': 'openid email api/read',
  }
  const common = { lc, latencyMs: LATENCY_MS, repeat: REPEAT, node: RUN_NODE }
  /** @param {Record<string, string>} inputs */
  const converge = async (inputs) => {
    const r = await runAction({ inputs, env, node: RUN_NODE })
    if (r.exitCode !== 0) throw new Error(`preparing the state failed: ${r.errors.join('; ')}`)
  }
  // The destroy runs start from the pool as BENCH_INPUTS alone makes it (no branding style left by FEATURES),
  // so that every repetition removes the same things.
  const fresh = async () => {
    await converge({ ...BENCH_INPUTS, mode: 'destroy', 'deletion-protection': 'false' })
    await converge(BENCH_INPUTS)
  }
  try {
    await converge(BENCH_INPUTS)
    return [
      { name: 'nothing changed, plan mode', ...(await measureRun({ ...common, inputs: { ...BENCH_INPUTS, mode: 'plan' }, noOp: true })) },
      {
        name: 'callback URL changed',
        ...(await measureRun({
          ...common,
          inputs: { ...BENCH_INPUTS, 'callback-urls': 'https://app.example.com/cb2' },
          prepare: () => converge(BENCH_INPUTS),
        })),
      },
      // MFA, managed login v2 and invite-users each add one read at most, made in parallel with the others.
      { name: 'nothing changed, + mfa/v2/users', ...(await measureRun({ ...common, inputs: FEATURES, noOp: true, prepare: () => converge(FEATURES) })) },
      { name: 'nothing changed, + federation', ...(await measureRun({ ...common, inputs: FEDERATION, noOp: true, prepare: () => converge(FEDERATION) })) },
      {
        name: 'plan-destroy',
        ...(await measureRun({
          ...common,
          inputs: { ...BENCH_INPUTS, mode: 'plan-destroy', 'deletion-protection': 'false' },
          prepare: fresh,
        })),
      },
      {
        name: 'destroy',
        ...(await measureRun({
          ...common,
          inputs: { ...BENCH_INPUTS, mode: 'destroy', 'deletion-protection': 'false' },
          prepare: fresh,
        })),
      },
      {
        name: 'destroy, nothing there',
        ...(await measureRun({ ...common, inputs: { ...BENCH_INPUTS, mode: 'destroy', 'deletion-protection': 'false' }, noOp: true })),
      },
    ]
  } finally {
    await idp.close()
    await lc.close()
  }
}

const nodes = [
  ...(NODE24 ? [{ label: 'Node 24', node: NODE24 }] : []),
  { label: `Node ${process.versions.node.split('.')[0]} (this process)`, node: process.execPath },
]
const started = performance.now()
const firstRequest = await startupToFirstRequest(BENCH_INPUTS, nodes)
const exitMs = await startupToExit()
const accountSize = startupOnly
  ? []
  : await measureAccountSizes({ sizes: SIZES, createSizes: CREATE_SIZES, latencyMs: LATENCY_MS, repeat: REPEAT, node: RUN_NODE })
const others = startupOnly ? [] : await otherRuns()
const result = {
  bundleBytes: bundle.length,
  bundleGzipBytes: gzipSync(bundle).length,
  chunks: Object.fromEntries(chunks.map((f) => [f, readFileSync(join(DIST, f)).length])),
  chunkBytes,
  startupToFirstRequest: firstRequest,
  startupToExitOnInvalidInputMs: exitMs,
  runsUnder: versionOf(RUN_NODE),
  latencyPerCallMs: LATENCY_MS,
  repeat: REPEAT,
  waveDefinition: WAVE_DEFINITION,
  accountSize,
  otherRuns: others,
  benchSeconds: Math.round((performance.now() - started) / 1000),
}

if (json) console.log(JSON.stringify(result, null, 2))
else {
  const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} KiB`
  console.log(`dist/index.js: ${kib(result.bundleBytes)} (${kib(result.bundleGzipBytes)} gzip)`)
  console.log(`dist/ chunks loaded on demand: ${chunks.length} files, ${kib(chunkBytes)} (${chunks.join(', ') || 'none'})`)
  console.log(
    `\nstart-up to the first AWS request, ${STARTUP_RUNS} interleaved rounds (load average ${firstRequest[0]?.loadAverage1mBeforeAfter.join(' → ')} on ${cpus().length} CPUs); median [p25–p75, min–max] in ms:`,
  )
  const fmt = (/** @type {ReturnType<typeof spread>} */ s) => `${s.median} [${s.p25}–${s.p75}, ${s.min}–${s.max}]`
  for (const f of firstRequest) {
    console.log(`  ${f.node} (${f.version}): dist/index.js ${fmt(f.actionMs)}; bare node ${fmt(f.bareNodeMs)}`)
    console.log(
      `    start-up over bare Node (${f.node}): ${f.overBareNodeMs.median} ms [${f.overBareNodeMs.p25}–${f.overBareNodeMs.p75}, ${f.overBareNodeMs.min}–${f.overBareNodeMs.max}] (median of the per-round differences)`,
    )
    if (f.mainThreadCpuMs && f.mainThreadQueuedMs) {
      console.log(
        `    main thread on a CPU until then: dist/index.js ${fmt(f.mainThreadCpuMs.action)}; bare node ${fmt(f.mainThreadCpuMs.bareNode)}; over bare Node ${fmt(f.mainThreadCpuMs.overBareNode)}`,
      )
      console.log(
        `    main thread waiting for a CPU until then (the machine's load): dist/index.js ${fmt(f.mainThreadQueuedMs.action)}; bare node ${fmt(f.mainThreadQueuedMs.bareNode)}`,
      )
    }
  }
  console.log(`start-up to exit on invalid input (${result.runsUnder}, median of ${REPEAT}): ${exitMs} ms`)
  if (!startupOnly) {
    const head = `${'other pools'.padStart(11)}  ${'run'.padEnd(32)} ${'calls'.padStart(5)} ${'reads'.padStart(5)} ${'writes'.padStart(6)} ${'waves'.padStart(5)} ${'AWS ms'.padStart(7)} ${'wall ms'.padStart(8)}`
    /** @param {string | number} pools @param {string} name @param {import('./bench-lib.js').Row} r */
    const line = (pools, name, r) =>
      `${String(pools).padStart(11)}  ${name.padEnd(32)} ${String(r.calls).padStart(5)} ${String(r.reads).padStart(5)} ${String(r.writes).padStart(6)} ${String(r.waves).padStart(5)} ${String(r.awsMs).padStart(7)} ${String(r.wallMs).padStart(8)}`
    console.log(
      `\ncost against account size: ${LATENCY_MS} ms added to every Cognito call, ${result.runsUnder}, ${REPEAT} runs each (wall: median; waves: fewest)`,
    )
    console.log(head)
    for (const r of accountSize) {
      console.log(line(r.otherPools, 'no-op by pool-name', r.byName))
      console.log(line(r.otherPools, 'no-op by user-pool-id', r.byId))
      if (r.create) console.log(line(r.otherPools, 'create (no race)', r.create))
    }
    for (const r of accountSize) {
      if (!r.create) continue
      console.log(`\ncreate path (no race) with ${r.otherPools} other pools, by wave:`)
      for (const l of waveLines(r.create.perWave)) console.log(l)
    }
    for (const r of accountSize) {
      console.log(`\nno-op by pool-name with ${r.otherPools} other pools, by wave:`)
      for (const l of waveLines(r.byName.perWave)) console.log(l)
    }
    const byId = accountSize.at(-1)
    if (byId) {
      console.log(`\nno-op by user-pool-id with ${byId.otherPools} other pools, by wave:`)
      for (const l of waveLines(byId.byId.perWave)) console.log(l)
    }
    console.log(`\nother runs (no other pools):`)
    console.log(head)
    for (const r of others) console.log(line(0, r.name, r))
    console.log(`\nsequential waves: ${WAVE_DEFINITION.replace(/\n/g, '\n  ')}`)
    console.log(`AWS ms: from the first call's arrival to the last answer (at least waves × ${LATENCY_MS} ms); wall ms: spawn to exit.`)
  }
  console.log(`\n(bench: ${result.benchSeconds} s)`)
}

/**
 * One line per wave ("  7  CreateUserPoolClient, CreateUserPoolDomain"; repeats counted, "ListUserPools ×2"),
 * consecutive waves of the same operations on one line ("  1–17  ListUserPools (one wave each)").
 * @param {string[][]} perWave
 */
function waveLines(perWave) {
  const text = perWave.map((ops) => {
    /** @type {Map<string, number>} */
    const n = new Map()
    for (const op of ops) n.set(op, (n.get(op) ?? 0) + 1)
    return [...n].map(([op, k]) => (k > 1 ? `${op} ×${k}` : op)).join(', ')
  })
  const lines = []
  for (let i = 0; i < text.length;) {
    let j = i
    while (j + 1 < text.length && text[j + 1] === text[i]) j++
    lines.push(j > i ? `  ${`${i + 1}–${j + 1}`.padStart(6)}  ${text[i]} (one wave each)` : `  ${String(i + 1).padStart(6)}  ${text[i]}`)
    i = j + 1
  }
  return lines
}
