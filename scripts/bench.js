// @ts-check
// `npm run bench`: what a run costs. Bundle size (dist/index.js and the chunks it loads on demand),
// start-up to the first AWS request against bare `node` making the same first request (median of
// STARTUP_RUNS, interleaved), and for each kind of run the AWS calls it makes (reads, writes,
// sequential waves) and its wall time with a fixed latency added to every Cognito call, against the
// local Cognito. Prints a table; --json for JSON. --startup-only skips the runs.
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { startLocalCognito } from '../tools/local-cognito/server.js'
import { ROOT, readActionYml, runAction } from '../tools/run-action.js'
import { localCognitoEnv } from '../tools/local-env.js'

const LATENCY_MS = 100
const REPEAT = 3
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15)
const json = process.argv.includes('--json')
const startupOnly = process.argv.includes('--startup-only')

// --dist=<dir> measures another build (e.g. a copy of an older dist/) with the same inputs.
const DIST = process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(ROOT, 'dist')
const bundle = readFileSync(join(DIST, 'index.js'))
const chunks = readdirSync(DIST).filter((f) => f.endsWith('.js') && f !== 'index.js')
const chunkBytes = chunks.reduce((n, f) => n + readFileSync(join(DIST, f)).length, 0)

/**
 * Milliseconds from spawning `node args` to the first HTTP request it sends to a server that
 * records the arrival and never answers; the process is then killed.
 * @param {string[]} args @param {(url: string) => Record<string, string>} envFor
 */
async function untilFirstRequest(args, envFor) {
  /** @type {(t: number) => void} */
  let arrived = () => {}
  const first = new Promise((resolve) => (arrived = resolve))
  const server = createServer(() => arrived(performance.now()))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { env: envFor(url), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise((resolve) => child.on('exit', () => resolve(-1)))
  const t1 = await Promise.race([first, exited])
  child.kill('SIGKILL')
  server.closeAllConnections()
  server.close()
  if (t1 === -1) throw new Error(`node ${args.join(' ')} exited before its first request:\n${output}`)
  return /** @type {number} */ (t1) - t0
}

/** The environment the runner gives the action (action.yml defaults, INPUT_*, GITHUB_* files). */
function actionEnv(/** @type {string} */ work, /** @type {Record<string, string>} */ inputs) {
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

/** Median start-up to the first AWS request, of dist/index.js and of bare node, in one run. */
async function startupToFirstRequest(/** @type {Record<string, string>} */ inputs) {
  const work = mkdtempSync(join(tmpdir(), 'bench-startup-'))
  try {
    const base = actionEnv(work, inputs)
    const aws = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_MAX_ATTEMPTS: '1', NODE_NO_WARNINGS: '1' }
    const bare = "require('node:http').request(process.env.AWS_ENDPOINT_URL, { method: 'POST' }).end('{}')"
    /** @type {number[]} */
    const action = []
    /** @type {number[]} */
    const node = []
    for (let i = 0; i < STARTUP_RUNS; i++) {
      node.push(await untilFirstRequest(['-e', bare], (url) => ({ PATH: base.PATH ?? '', AWS_ENDPOINT_URL: url })))
      action.push(await untilFirstRequest([join(DIST, 'index.js')], (url) => ({ ...base, ...aws, AWS_ENDPOINT_URL: url })))
    }
    const median = (/** @type {number[]} */ xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0)
    return { runs: STARTUP_RUNS, actionMs: median(action), bareNodeMs: median(node), overBareNodeMs: median(action) - median(node) }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
const lc = await startLocalCognito({ region: 'us-east-1' })
const env = localCognitoEnv(lc, { NODE_NO_WARNINGS: '1' })
const base = { 'pool-name': 'bench', domain: 'bench-sso', 'callback-urls': 'https://app.example.com/callback' }
const FEATURES = { ...base, mfa: 'optional', 'mfa-methods': 'totp', 'managed-login': 'v2', 'invite-users': 'admin@example.com' }
const FEDERATION = {
  ...base,
  'federated-providers': '- name: Corp\n  type: oidc\n  issuer: https://idp.example.com\n  client-id: corp\n  client-secret: s3cret\n  scopes: openid email',
  'resource-servers': '- identifier: api\n  scopes: [read]',
  'oauth-scopes': 'openid email api/read',
}
/** Runs `inputs` once without the added latency (the state a measured run starts from). @param {Record<string, string>} inputs */
const prepared = (inputs) => async () => {
  lc.latencyMs = 0
  const result = await runAction({ inputs, env })
  lc.latencyMs = LATENCY_MS
  if (result.exitCode !== 0) throw new Error(`prepare: exit ${result.exitCode}: ${result.errors.join('; ')}`)
}

/**
 * Median wall time and the AWS calls of a run; `prepare` resets the state before each repetition.
 * @param {string} name
 * @param {Record<string, string>} inputs
 */
async function measure(name, inputs, prepare = async () => {}) {
  /** @type {number[]} */
  const times = []
  /** @type {{ operation: string }[]} */
  let calls = []
  let waves = 0
  for (let i = 0; i < REPEAT; i++) {
    await prepare()
    lc.clearCalls()
    const started = performance.now()
    const result = await runAction({ inputs, env })
    times.push(performance.now() - started)
    if (result.exitCode !== 0) throw new Error(`${name}: exit ${result.exitCode}: ${result.errors.join('; ')}`)
    calls = [...lc.calls]
    waves = lc.waves()
  }
  times.sort((a, b) => a - b)
  const writes = calls.filter((c) => !/^(Describe|List|Get)/.test(c.operation))
  return { name, reads: calls.length - writes.length, writes: writes.length, waves, ms: Math.round(times[Math.floor(REPEAT / 2)] ?? 0) }
}

async function reset() {
  for (const p of (await lc.invoke('ListUserPools', { MaxResults: 60 })).UserPools ?? []) {
    const d = (await lc.invoke('DescribeUserPool', { UserPoolId: p.Id })).UserPool
    if (d?.Domain) await lc.invoke('DeleteUserPoolDomain', { UserPoolId: p.Id, Domain: d.Domain })
    await lc.invoke('UpdateUserPool', { UserPoolId: p.Id, DeletionProtection: 'INACTIVE' })
    await lc.invoke('DeleteUserPool', { UserPoolId: p.Id })
  }
}

try {
  // Start-up: a run that fails input validation makes no AWS call, so it times loading the bundle.
  const startups = []
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now()
    await runAction({ inputs: { ...base, domain: 'Bad' }, env })
    startups.push(performance.now() - t0)
  }
  const startupMs = Math.round(startups.sort((a, b) => a - b)[Math.floor(REPEAT / 2)] ?? 0)
  const firstRequest = await startupToFirstRequest(base)

  lc.latencyMs = LATENCY_MS
  const rows = startupOnly
    ? []
    : [
        await measure('create everything', base, reset),
        await measure('nothing changed', base),
        await measure('nothing changed, plan mode', { ...base, mode: 'plan' }),
        await measure('callback URL changed', { ...base, 'callback-urls': 'https://app.example.com/cb2' }, async () => {
          lc.latencyMs = 0
          await runAction({ inputs: base, env })
          lc.latencyMs = LATENCY_MS
        }),
        // MFA, managed login v2 and invite-users each add one read at most, made in parallel with the others.
        await measure('nothing changed, + mfa/v2/users', FEATURES, prepared(FEATURES)),
        await measure('nothing changed, + federation', FEDERATION, prepared(FEDERATION)),
        await measure('plan-destroy', { ...base, mode: 'plan-destroy', 'deletion-protection': 'false' }, prepared(base)),
        await measure('destroy', { ...base, mode: 'destroy', 'deletion-protection': 'false' }, prepared(base)),
        await measure('destroy, nothing there', { ...base, mode: 'destroy', 'deletion-protection': 'false' }),
      ]
  const result = {
    bundleBytes: bundle.length,
    bundleGzipBytes: gzipSync(bundle).length,
    chunks: Object.fromEntries(chunks.map((f) => [f, readFileSync(join(DIST, f)).length])),
    chunkBytes,
    startupToFirstRequest: firstRequest,
    startupMs,
    latencyPerCallMs: LATENCY_MS,
    runs: rows,
  }
  if (json) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`dist/index.js: ${(result.bundleBytes / 1024).toFixed(0)} KiB (${(result.bundleGzipBytes / 1024).toFixed(0)} KiB gzip)`)
    console.log(`dist/ chunks loaded on demand: ${chunks.length} files, ${(chunkBytes / 1024).toFixed(0)} KiB (${chunks.join(', ') || 'none'})`)
    const f = firstRequest
    console.log(
      `start-up to the first AWS request (median of ${f.runs}): ${f.actionMs} ms; bare node to its first request: ${f.bareNodeMs} ms; over bare node: ${f.overBareNodeMs} ms`,
    )
    console.log(`start-up to exit on invalid input: ${startupMs} ms`)
    if (startupOnly) process.exit(0)
    console.log(`\nruns with ${LATENCY_MS} ms added to every Cognito call (median of ${REPEAT}):`)
    console.log(`${'run'.padEnd(32)} ${'reads'.padStart(5)} ${'writes'.padStart(6)} ${'waves'.padStart(5)} ${'wall ms'.padStart(8)}`)
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(32)} ${String(r.reads).padStart(5)} ${String(r.writes).padStart(6)} ${String(r.waves).padStart(5)} ${String(r.ms).padStart(8)}`,
      )
    }
    console.log('waves: sequential rounds of AWS calls (a call that starts after another ended is in a later wave)')
  }
} finally {
  await lc.close()
}
