// @ts-check
// `npm run bench`: what a run costs. Bundle size, start-up time of dist/index.js, and for each kind
// of run the AWS calls it makes (reads, writes, sequential waves) and its wall time with a fixed
// latency added to every Cognito call, against the local Cognito. Prints a table; --json for JSON.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { startLocalCognito } from '../tools/local-cognito/server.js'
import { ROOT, runAction } from '../tools/run-action.js'

const LATENCY_MS = 100
const REPEAT = 3
const json = process.argv.includes('--json')

const bundle = readFileSync(join(ROOT, 'dist', 'index.js'))
const lc = await startLocalCognito({ region: 'us-east-1' })
const env = {
  AWS_ENDPOINT_URL: lc.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  NODE_NO_WARNINGS: '1',
}
const base = { 'pool-name': 'bench', domain: 'bench-sso', 'callback-urls': 'https://app.example.com/callback' }
const FEATURES = { ...base, mfa: 'optional', 'mfa-methods': 'totp', 'managed-login': 'v2', 'invite-users': 'admin@example.com' }

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
  for (let i = 0; i < REPEAT; i++) {
    await prepare()
    lc.clearCalls()
    const started = performance.now()
    const result = await runAction({ inputs, env })
    times.push(performance.now() - started)
    if (result.exitCode !== 0) throw new Error(`${name}: exit ${result.exitCode}: ${result.errors.join('; ')}`)
    calls = [...lc.calls]
  }
  times.sort((a, b) => a - b)
  const writes = calls.filter((c) => !/^(Describe|List|Get)/.test(c.operation))
  return { name, reads: calls.length - writes.length, writes: writes.length, ms: Math.round(times[Math.floor(REPEAT / 2)] ?? 0) }
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

  lc.latencyMs = LATENCY_MS
  const rows = [
    await measure('create everything', base, reset),
    await measure('nothing changed', base),
    await measure('nothing changed, plan mode', { ...base, mode: 'plan' }),
    await measure('callback URL changed', { ...base, 'callback-urls': 'https://app.example.com/cb2' }, async () => {
      lc.latencyMs = 0
      await runAction({ inputs: base, env })
      lc.latencyMs = LATENCY_MS
    }),
    // MFA, managed login v2 and invite-users each add one read at most, made in parallel with the others.
    await measure('nothing changed, + mfa/v2/users', FEATURES, async () => {
      lc.latencyMs = 0
      await runAction({ inputs: FEATURES, env })
      lc.latencyMs = LATENCY_MS
    }),
  ]
  const result = {
    bundleBytes: bundle.length,
    bundleGzipBytes: gzipSync(bundle).length,
    startupMs,
    latencyPerCallMs: LATENCY_MS,
    runs: rows,
  }
  if (json) console.log(JSON.stringify(result, null, 2))
  else {
    console.log(`dist/index.js: ${(result.bundleBytes / 1024).toFixed(0)} KiB (${(result.bundleGzipBytes / 1024).toFixed(0)} KiB gzip)`)
    console.log(`start-up to exit on invalid input: ${startupMs} ms`)
    console.log(`\nruns with ${LATENCY_MS} ms added to every Cognito call (median of ${REPEAT}):`)
    console.log(`${'run'.padEnd(30)} ${'reads'.padStart(5)} ${'writes'.padStart(6)} ${'wall ms'.padStart(8)} ${'≈ sequential waves'.padStart(19)}`)
    for (const r of rows) {
      const waves = ((r.ms - startupMs) / LATENCY_MS).toFixed(1)
      console.log(`${r.name.padEnd(30)} ${String(r.reads).padStart(5)} ${String(r.writes).padStart(6)} ${String(r.ms).padStart(8)} ${waves.padStart(19)}`)
    }
  }
} finally {
  await lc.close()
}
