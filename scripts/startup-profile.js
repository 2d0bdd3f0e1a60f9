// @ts-check
// `node scripts/startup-profile.js`: where the action's start-up goes, module by module (docs/performance.md).
// Builds src/ with ncc as `npm run build` does (chunks left unminified: start-up loads none of them), plus
// webpack's stats (module ID → file), into a temporary directory (never dist/), wraps the bundle's module
// loader (__nccwpck_require__) so that each module's first evaluation is timed, and runs it RUNS times under the Node 24 binary until its first AWS
// request (a preload subscribed to the `http.client.request.start` diagnostics channel exits there).
// Times are the main thread's CPU time (process.threadCpuUsage, Node >= 23.9; the process's CPU time before),
// so that the load of a shared machine does not count; the phases are also given in wall time. Prints:
// - loading dist/index.js: from the preload to the bundle's first statement (reading, parsing, compiling);
// - evaluation: each package's own time (exclusive of the modules it requires) and the heaviest modules
//   (inclusive), averaged over the runs;
// - from the end of the entry module's evaluation to the first request (the run itself: inputs, SDK client,
//   credentials, endpoint, signing).
// Options: --dist=<dir> --stats=<file> to profile an existing build made with `ncc build ... --stats-out`;
// --node=<binary>; RUNS (default 11).
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, node24Path } from '../tools/run-action.js'
import { BENCH_INPUTS, actionEnv, median } from './bench-lib.js'

const arg = (/** @type {string} */ name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const RUNS = Number(process.env.RUNS ?? 11)
const node = arg('node') ?? node24Path() ?? process.execPath
const work = mkdtempSync(join(tmpdir(), 'startup-profile-'))

/** The loader ncc 0.45 emits (minified): `function __nccwpck_require__(t){var o=s[t];if(o!==undefined)...}`. */
const LOADER =
  /function __nccwpck_require__\((\w)\)\{var (\w)=(\w)\[\1\];if\(\2!==undefined\)\{return \2\.exports\}var (\w)=\3\[\1\]=\{exports:\{\}\};var (\w)=true;try\{(\w)\[\1\]\.call\(\4\.exports,\4,\4\.exports,__nccwpck_require__\);\5=false\}finally\{if\(\5\)delete \3\[\1\]\}return \4\.exports\}/

/** @param {string} src */
function instrument(src) {
  const m = LOADER.exec(src)
  if (!m) throw new Error('startup-profile: the bundle has no ncc module loader of the known form (another ncc version?)')
  const [, id, cached, cache, mod, threw, factories] = m
  const timed =
    `function __nccwpck_require__(${id}){var ${cached}=${cache}[${id}];if(${cached}!==undefined){return ${cached}.exports}` +
    `var ${mod}=${cache}[${id}]={exports:{}};var ${threw}=true;var __P=globalThis.__startupProfile;__P.stack.push(0);var __t0=__P.cpu();` +
    `try{${factories}[${id}].call(${mod}.exports,${mod},${mod}.exports,__nccwpck_require__);${threw}=false}` +
    `finally{var __d=__P.cpu()-__t0;var __c=__P.stack.pop();__P.modules.push([String(${id}),__d,__d-__c,__P.cpu(),performance.now()]);` +
    `if(__P.stack.length)__P.stack[__P.stack.length-1]+=__d;if(${threw})delete ${cache}[${id}]}return ${mod}.exports}`
  const cpu = 'cpu:()=>{const u=(process.threadCpuUsage??process.cpuUsage)();return (u.user+u.system)/1000}'
  return `globalThis.__startupProfile={stack:[],modules:[],${cpu}};__startupProfile.firstStatement=[__startupProfile.cpu(),performance.now()];${src.replace(m[0], timed)}`
}

const PRELOAD = `import dc from 'node:diagnostics_channel'
import { writeFileSync } from 'node:fs'
const cpu = () => { const u = (process.threadCpuUsage ?? process.cpuUsage)(); return (u.user + u.system) / 1000 }
const preload = [cpu(), performance.now()]
dc.subscribe('http.client.request.start', () => {
  const p = globalThis.__startupProfile ?? {}
  const firstRequest = [cpu(), performance.now()]
  writeFileSync(process.env.STARTUP_PROFILE_OUT, JSON.stringify({ preload, firstRequest, firstStatement: p.firstStatement, modules: p.modules }))
  process.exit(0)
})
`

try {
  let dist = arg('dist')
  let statsFile = arg('stats')
  if (!dist || !statsFile) {
    dist = join(work, 'dist')
    statsFile = join(work, 'stats.json')
    console.error('building src/ with ncc (as npm run build, plus --stats-out) ...')
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
        'build',
        'src/index.ts',
        '-o',
        dist,
        '--minify',
        '--no-source-map-register',
        '--stats-out',
        statsFile,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    )
  }
  /** @type {{ modules: { id: string | number, name: string }[] }} */
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'))
  const nameOf = new Map(stats.modules.map((m) => [String(m.id), m.name]))
  const pkg = (/** @type {string | undefined} */ name) => {
    if (!name) return '(unknown)'
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name)
    return m?.[1] ?? name.replace(/^\.\//, '')
  }
  const inst = join(work, 'instrumented')
  mkdirSync(inst, { recursive: true })
  for (const f of readdirSync(dist)) if (f.endsWith('.js') || f === 'package.json') copyFileSync(join(dist, f), join(inst, f))
  writeFileSync(join(inst, 'index.js'), instrument(readFileSync(join(dist, 'index.js'), 'utf8')))
  writeFileSync(join(work, 'preload.mjs'), PRELOAD)

  const outFile = join(work, 'out.json')
  const env = {
    ...actionEnv(work, BENCH_INPUTS),
    ...{ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDPROFILE', AWS_SECRET_ACCESS_KEY: 'profile', AWS_MAX_ATTEMPTS: '1', NODE_NO_WARNINGS: '1' },
    // Nothing listens there: the request's start is all the preload waits for.
    ...{ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', STARTUP_PROFILE_OUT: outFile },
  }
  /** @type {Record<'load' | 'evaluation' | 'toRequest' | 'total', { cpu: number[], wall: number[] }>} */
  const phases = { load: { cpu: [], wall: [] }, evaluation: { cpu: [], wall: [] }, toRequest: { cpu: [], wall: [] }, total: { cpu: [], wall: [] } }
  /** @type {Record<string, number>} */
  const exclusive = {}
  /** @type {Record<string, number>} */
  const inclusive = {}
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(node, ['--import', join(work, 'preload.mjs'), join(inst, 'index.js')], { env, cwd: work, encoding: 'utf8' })
    /** @typedef {[number, number]} At CPU ms, wall ms */
    /** @type {{ preload: At, firstRequest: At, firstStatement: At, modules: [string, number, number, number, number][] }} */
    let out
    try {
      out = JSON.parse(readFileSync(outFile, 'utf8'))
      rmSync(outFile)
    } catch {
      throw new Error(`the action made no AWS request:\n${r.stdout}\n${r.stderr}`)
    }
    // The entry module finishes its evaluation last among the modules evaluated before the first request
    // that nothing else required (depth 0); its end is the end of start-up's evaluation.
    const last = out.modules.reduce((a, b) => (b[4] > a[4] ? b : a))
    /** @type {At} */
    const evaluatedBy = [last[3], last[4]]
    /** @param {'load' | 'evaluation' | 'toRequest' | 'total'} phase @param {At} from @param {At} to */
    const add = (phase, from, to) => {
      phases[phase].cpu.push(to[0] - from[0])
      phases[phase].wall.push(to[1] - from[1])
    }
    add('load', out.preload, out.firstStatement)
    add('evaluation', out.firstStatement, evaluatedBy)
    add('toRequest', evaluatedBy, out.firstRequest)
    add('total', out.preload, out.firstRequest)
    for (const [id, incl, excl] of out.modules) {
      const k = pkg(nameOf.get(id))
      exclusive[k] = (exclusive[k] ?? 0) + excl / RUNS
      const n = nameOf.get(id) ?? id
      inclusive[n] = (inclusive[n] ?? 0) + incl / RUNS
    }
  }
  const ms = (/** @type {number} */ x) => `${x.toFixed(1).padStart(6)} ms`
  const bytes = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => `${f} ${(readFileSync(join(dist, f)).length / 1024).toFixed(0)} KiB`)
  console.log(`${node} (${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}), ${RUNS} runs; ${bytes.join(', ')}`)
  console.log('main-thread CPU (median), wall (median):')
  const phase = (/** @type {keyof typeof phases} */ p, /** @type {string} */ what) =>
    console.log(`${ms(median(phases[p].cpu))} ${ms(median(phases[p].wall))}  ${what}`)
  phase('load', "loading dist/index.js (preload → the bundle's first statement: read, parse, compile)")
  phase('evaluation', 'evaluating modules (first statement → the last module evaluated before the request)')
  phase('toRequest', 'after evaluation → the first AWS request (inputs, SDK client, credentials, endpoint, signing)')
  phase('total', 'preload → the first AWS request')
  console.log('\nevaluation by package, main-thread CPU exclusive of the modules it requires (mean):')
  for (const [k, v] of Object.entries(exclusive)
    .sort((a, b) => b[1] - a[1])
    .filter(([, v]) => v >= 0.3))
    console.log(`${ms(v)}  ${k}`)
  console.log('\nheaviest modules, main-thread CPU inclusive of what they require (mean):')
  for (const [k, v] of Object.entries(inclusive)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15))
    console.log(`${ms(v)}  ${k}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
