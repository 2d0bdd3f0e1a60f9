// Replays a GitHub Actions workflow job here, step by step, the way the runner runs it: `${{ }}`
// expressions (contexts, literals, ! == != < > && || and the functions workflows use), `if:` conditions
// with the implicit success(), `continue-on-error`, steps.<id>.outputs / outcome / conclusion, env at
// workflow, job and step level, a matrix's `include` entries, and `run:` steps really run with bash (as
// `bash --noprofile --norc -eo pipefail`, with GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files and
// the workflow commands they print). Steps that use this action (`uses: ./`, or the published name in an
// example) go to the caller's hook (the
// runner harness, tools/run-action.js); other `uses:` steps (checkout, setup-node, credentials) are the
// runner's business and are recorded as such. Used by the workflow replays in __tests__/e2e.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT, parseCommands, parseFileCommand } from '../../tools/run-action.js'

// ---------- workflow shape ----------

export interface Step {
  id?: string
  name?: string
  if?: string | boolean
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  'continue-on-error'?: boolean | string
}
export interface Job {
  name?: string
  if?: string | boolean
  needs?: string | string[]
  env?: Record<string, unknown>
  strategy?: { matrix?: { include?: Record<string, unknown>[] } & Record<string, unknown>; 'fail-fast'?: boolean; 'max-parallel'?: number }
  steps: Step[]
  'timeout-minutes'?: number
}
export interface Workflow {
  name?: string
  on?: unknown
  env?: Record<string, unknown>
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean } | string
  jobs: Record<string, Job>
}

export function loadWorkflow(path: string): Workflow {
  return parse(readFileSync(join(ROOT, path), 'utf8')) as Workflow
}

// ---------- expressions ----------

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value }
/** The contexts an expression reads: github, env, vars, matrix, steps, inputs, needs, secrets, runner... */
export type Contexts = Record<string, Value>
/** What the status functions answer: whether an earlier step (or a needed job) failed. */
export interface Status {
  failed: boolean
  cancelled?: boolean
  /** A job's `needs` were skipped: success() is false, failure() too. */
  needsSkipped?: boolean
}

type Token = { kind: 'str' | 'num' | 'id' | 'op'; text: string; value?: Value }

function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i] ?? ''
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === "'") {
      let s = ''
      i++
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in expression: ${src}`)
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'"
            i += 2
            continue
          }
          i++
          break
        }
        s += src[i]
        i++
      }
      tokens.push({ kind: 'str', text: s, value: s })
      continue
    }
    const num = /^(?:0x[0-9a-f]+|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(src.slice(i))
    if (num && (c !== '-' || /\d/.test(src[i + 1] ?? ''))) {
      tokens.push({ kind: 'num', text: num[0], value: Number(num[0]) })
      i += num[0].length
      continue
    }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))
    if (id) {
      tokens.push({ kind: 'id', text: id[0] })
      i += id[0].length
      continue
    }
    const op = /^(==|!=|<=|>=|&&|\|\||[!<>().,[\]*])/.exec(src.slice(i))
    if (op) {
      tokens.push({ kind: 'op', text: op[0] })
      i += op[0].length
      continue
    }
    throw new Error(`unexpected '${c}' in expression: ${src}`)
  }
  return tokens
}

const truthy = (v: Value): boolean => !(v === false || v === null || v === '' || v === 0 || (typeof v === 'number' && Number.isNaN(v)))

function toNumber(v: Value): number {
  if (v === null) return 0
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'number') return v
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v)
  return NaN
}

/** GitHub's loose equality: strings ignore case, other mixed types compare as numbers. */
function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase()
  if (typeof a === 'object' && a !== null) return a === b
  if (typeof b === 'object' && b !== null) return false
  if (typeof a === typeof b) return a === b
  const [x, y] = [toNumber(a), toNumber(b)]
  return !Number.isNaN(x) && x === y
}

function compare(a: Value, b: Value, op: string): boolean {
  let x: number | string
  let y: number | string
  if (typeof a === 'string' && typeof b === 'string') [x, y] = [a.toLowerCase(), b.toLowerCase()]
  else [x, y] = [toNumber(a), toNumber(b)]
  if (op === '<') return x < y
  if (op === '<=') return x <= y
  if (op === '>') return x > y
  return x >= y
}

/** A value as the runner writes it into a string (inputs, env, scripts). */
export function asString(v: Value): string {
  if (v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

function property(obj: Value, key: string): Value {
  if (obj === null || typeof obj !== 'object') return null
  if (Array.isArray(obj)) {
    const i = Number(key)
    return Number.isInteger(i) ? (obj[i] ?? null) : null
  }
  if (Object.hasOwn(obj, key)) return obj[key] ?? null
  const found = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase())
  return found === undefined ? null : (obj[found] ?? null)
}

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled']

/** Evaluates one expression (the text inside `${{ }}`). */
export function evaluate(source: string, ctx: Contexts, status: Status = { failed: false }): Value {
  const tokens = tokenize(source)
  let pos = 0
  const peek = (): Token | undefined => tokens[pos]
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()?.text === text
  const expect = (text: string): void => {
    if (!isOp(text)) throw new Error(`expected '${text}' in expression: ${source}`)
    pos++
  }

  const callFunction = (name: string, args: Value[]): Value => {
    const fn = name.toLowerCase()
    const str = (v: Value | undefined): string => asString(v ?? null)
    switch (fn) {
      case 'success':
        return !status.failed && !status.cancelled && !status.needsSkipped
      case 'failure':
        return status.failed
      case 'always':
        return true
      case 'cancelled':
        return status.cancelled ?? false
      case 'contains': {
        const [hay = null, needle = null] = args
        if (Array.isArray(hay)) return hay.some((v) => looseEquals(v, needle))
        return str(hay).toLowerCase().includes(str(needle).toLowerCase())
      }
      case 'startswith':
        return str(args[0]).toLowerCase().startsWith(str(args[1]).toLowerCase())
      case 'endswith':
        return str(args[0]).toLowerCase().endsWith(str(args[1]).toLowerCase())
      case 'format': {
        const [fmt = null, ...rest] = args
        return str(fmt).replace(/\{\{|\}\}|\{(\d+)\}/g, (m, n: string | undefined) => {
          if (m === '{{') return '{'
          if (m === '}}') return '}'
          const i = Number(n)
          if (i >= rest.length) throw new Error(`format: no argument {${i}} in ${source}`)
          return str(rest[i])
        })
      }
      case 'join': {
        const [list = null, sep = ','] = args
        return Array.isArray(list) ? list.map(str).join(str(sep)) : str(list)
      }
      case 'tojson':
        return JSON.stringify(args[0] ?? null, null, 2)
      case 'fromjson':
        return JSON.parse(str(args[0])) as Value
      default:
        throw new Error(`the replay does not implement the function ${name}() (in ${source})`)
    }
  }

  const primary = (): Value => {
    const t = peek()
    if (!t) throw new Error(`unexpected end of expression: ${source}`)
    pos++
    if (t.kind === 'str' || t.kind === 'num') return t.value ?? null
    if (t.kind === 'op' && t.text === '(') {
      const v = or()
      expect(')')
      return v
    }
    if (t.kind === 'id') {
      if (isOp('(')) {
        pos++
        const args: Value[] = []
        if (!isOp(')')) {
          args.push(or())
          while (isOp(',')) {
            pos++
            args.push(or())
          }
        }
        expect(')')
        return callFunction(t.text, args)
      }
      if (t.text === 'true') return true
      if (t.text === 'false') return false
      if (t.text === 'null') return null
      if (!Object.hasOwn(ctx, t.text)) throw new Error(`the replay has no context '${t.text}' (in ${source})`)
      return ctx[t.text] ?? null
    }
    throw new Error(`unexpected '${t.text}' in expression: ${source}`)
  }
  const postfix = (): Value => {
    let v = primary()
    for (;;) {
      if (isOp('.')) {
        pos++
        const t = peek()
        if (t?.kind === 'op' && t.text === '*') {
          pos++
          v = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []
          continue
        }
        if (t?.kind !== 'id') throw new Error(`expected a property name in expression: ${source}`)
        pos++
        v = Array.isArray(v) ? v.map((item) => property(item, t.text)) : property(v, t.text)
      } else if (isOp('[')) {
        pos++
        const key = or()
        expect(']')
        v = property(v, asString(key))
      } else return v
    }
  }
  const unary = (): Value => {
    if (isOp('!')) {
      pos++
      return !truthy(unary())
    }
    return postfix()
  }
  const comparison = (): Value => {
    let v = unary()
    while (['<', '<=', '>', '>='].some(isOp)) {
      const op = peek()?.text ?? ''
      pos++
      v = compare(v, unary(), op)
    }
    return v
  }
  const equality = (): Value => {
    let v = comparison()
    while (isOp('==') || isOp('!=')) {
      const op = peek()?.text
      pos++
      const equal = looseEquals(v, comparison())
      v = op === '==' ? equal : !equal
    }
    return v
  }
  const and = (): Value => {
    let v = equality()
    while (isOp('&&')) {
      pos++
      const right = equality()
      v = truthy(v) ? right : v
    }
    return v
  }
  const or = (): Value => {
    let v = and()
    while (isOp('||')) {
      pos++
      const right = and()
      v = truthy(v) ? v : right
    }
    return v
  }

  const value = or()
  if (pos !== tokens.length) throw new Error(`unexpected '${tokens[pos]?.text}' in expression: ${source}`)
  return value
}

/** The `${{ }}` expressions of a text, located (a literal may contain '}}'). */
function expressions(text: string): { start: number; end: number; source: string }[] {
  const found: { start: number; end: number; source: string }[] = []
  let i = text.indexOf('${{')
  while (i >= 0) {
    let j = i + 3
    let quoted = false
    for (; j < text.length; j++) {
      if (text[j] === "'") quoted = !quoted
      else if (!quoted && text.startsWith('}}', j)) break
    }
    if (j >= text.length) throw new Error(`unterminated \${{ in: ${text}`)
    found.push({ start: i, end: j + 2, source: text.slice(i + 3, j) })
    i = text.indexOf('${{', j + 2)
  }
  return found
}

/**
 * A YAML value with its `${{ }}` expressions evaluated: a string that is one whole expression keeps the
 * expression's type (a matrix value can be a boolean); any other string gets each expression's text.
 */
export function interpolate(value: unknown, ctx: Contexts, status?: Status): Value {
  if (typeof value !== 'string') return (value ?? null) as Value
  const found = expressions(value)
  if (found.length === 0) return value
  const [only] = found
  if (found.length === 1 && only && only.start === 0 && only.end === value.length) return evaluate(only.source, ctx, status)
  let out = ''
  let at = 0
  for (const e of found) {
    out += value.slice(at, e.start) + asString(evaluate(e.source, ctx, status))
    at = e.end
  }
  return out + value.slice(at)
}

/** interpolate(), as the string the runner passes on (inputs, env values, scripts). */
export const expand = (value: unknown, ctx: Contexts, status?: Status): string => asString(interpolate(value, ctx, status))

/** An `if:` condition: without a status function it means `success() && (...)`. */
export function holds(condition: string | boolean | undefined, ctx: Contexts, status: Status): boolean {
  if (condition === undefined || condition === '') return truthy(evaluate('success()', ctx, status))
  if (typeof condition === 'boolean') return condition && truthy(evaluate('success()', ctx, status))
  const trimmed = condition.trim()
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed)
  const source = whole ? (whole[1] ?? '') : trimmed
  const usesStatus = tokenize(source).some((t, i, all) => t.kind === 'id' && STATUS_FUNCTIONS.includes(t.text.toLowerCase()) && all[i + 1]?.text === '(')
  return truthy(evaluate(usesStatus ? source : `success() && (${source})`, ctx, status))
}

/** The combinations of a job's matrix (its `include` entries; the workflows replayed here use no axes), evaluated. */
export function matrixOf(job: Job, ctx: Contexts): Record<string, Value>[] {
  const matrix = job.strategy?.matrix
  if (!matrix) return [{}]
  const axes = Object.keys(matrix).filter((k) => k !== 'include')
  if (axes.length > 0) throw new Error(`the replay expands only a matrix of include entries, not the axes ${axes.join(', ')}`)
  return (matrix.include ?? []).map((entry) => Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, interpolate(v, ctx)])))
}

// ---------- replay ----------

export interface ActionRun {
  exitCode: number | null
  outputs: Record<string, string>
  stdout: string
  errors: string[]
}

export interface StepRecord {
  name: string
  id?: string
  kind: 'action' | 'run' | 'runner' | 'skipped'
  outcome: 'success' | 'failure' | 'skipped'
  conclusion: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
  notices: string[]
  errors: string[]
  /** The action's (or script's) stdout and stderr, for a failure to explain itself. */
  log: string
}

export interface ReplayHooks {
  /** The `uses:` references that are this action (default `./`; an example names the published action). */
  actionRefs?: string[]
  /** Runs this action with the evaluated inputs and the step's environment. */
  action(inputs: Record<string, string>, env: Record<string, string>, step: Step): Promise<ActionRun>
  /** What the runner's environment adds to every step (what configure-aws-credentials exports...). */
  env?: Record<string, string>
  /** Directories put first on PATH for `run:` steps (e.g. a stand-in `aws` command). */
  path?: string[]
  /**
   * Applied to every evaluated input, env value and script before it is used: e.g. a workflow that
   * names a fixed local endpoint (http://127.0.0.1:9229) replayed against a server on another port.
   */
  rewrite?(text: string): string
  /** `run:` steps not to run here, with the reason (e.g. `npm ci`: this checkout has its dependencies). */
  skipRun?(step: Step): string | undefined
  /** Called around each step that runs. */
  before?(step: Step): void
  after?(step: Step, record: StepRecord): void
}

export interface JobResult {
  steps: StepRecord[]
  failed: boolean
  /** The steps context at the end (outputs, outcome, conclusion by id). */
  context: Record<string, Value>
}

const stepName = (step: Step): string => step.name ?? step.uses ?? step.run?.split('\n')[0] ?? '(step)'

/** Runs a bash script the way a `run:` step does; asynchronously, since a local server may answer from this process. */
function bash(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string; outputs: Record<string, string>; exported: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'replay-step-'))
  const files = { script: join(dir, 'step.sh'), output: join(dir, 'output'), env: join(dir, 'env'), summary: join(dir, 'summary') }
  writeFileSync(files.script, script)
  for (const f of [files.output, files.env, files.summary]) writeFileSync(f, '')
  const full = { ...env, GITHUB_OUTPUT: files.output, GITHUB_ENV: files.env, GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: dir }
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', files.script],
      { env: full, cwd, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        const outputs = parseFileCommand(readFileSync(files.output, 'utf8'))
        const exported = parseFileCommand(readFileSync(files.env, 'utf8'))
        rmSync(dir, { recursive: true, force: true })
        resolve({ code, stdout, stderr, outputs, exported })
      },
    )
  })
}

/**
 * Replays one job (one matrix combination: pass it as ctx.matrix) step by step. `ctx` holds the
 * contexts of the run (github, vars, inputs, needs, matrix...); env and steps are filled in here.
 */
export async function replayJob(workflow: Workflow, job: Job, ctx: Contexts, hooks: ReplayHooks): Promise<JobResult> {
  const base: Contexts = { env: {}, steps: {}, secrets: {}, runner: { os: 'Linux', temp: tmpdir() }, ...ctx }
  const rewrite = hooks.rewrite ?? ((t: string) => t)
  const expandAll = (o: Record<string, unknown> | undefined, here: Contexts, status?: Status): Record<string, string> =>
    Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, rewrite(expand(v, here, status))]))
  const workflowEnv = expandAll(workflow.env, base)
  const jobEnv = { ...workflowEnv, ...expandAll(job.env, { ...base, env: workflowEnv }) }
  let exported: Record<string, string> = {}
  const steps: Record<string, Value> = {}
  const records: StepRecord[] = []
  let failed = false

  for (const step of job.steps) {
    const here: Contexts = { ...base, env: { ...jobEnv, ...exported }, steps }
    const status: Status = { failed }
    const name = stepName(step)
    if (!holds(step.if, here, status)) {
      const record: StepRecord = { name, kind: 'skipped', outcome: 'skipped', conclusion: 'skipped', outputs: {}, notices: [], errors: [], log: '' }
      if (step.id) record.id = step.id
      records.push(record)
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
      continue
    }
    const stepEnv = { ...jobEnv, ...exported, ...expandAll(step.env, here, status) }
    const stepCtx: Contexts = { ...here, env: stepEnv }
    hooks.before?.(step)
    const record: StepRecord = { name, kind: 'runner', outcome: 'success', conclusion: 'success', outputs: {}, notices: [], errors: [], log: '' }
    if (step.id) record.id = step.id
    if (step.uses !== undefined && (hooks.actionRefs ?? ['./']).includes(step.uses)) {
      const inputs = expandAll(step.with, stepCtx, status)
      const result = await hooks.action(inputs, { ...(hooks.env ?? {}), ...stepEnv }, step)
      record.kind = 'action'
      record.outcome = result.exitCode === 0 ? 'success' : 'failure'
      record.outputs = result.outputs
      record.errors = result.errors
      record.log = result.stdout
    } else if (step.uses) {
      record.kind = 'runner'
    } else if (step.run !== undefined) {
      const skipped = hooks.skipRun?.(step)
      if (skipped) {
        record.kind = 'runner'
        record.log = `not run here: ${skipped}`
      } else {
        const script = rewrite(expand(step.run, stepCtx, status))
        const env: Record<string, string> = {
          PATH: [...(hooks.path ?? []), process.env.PATH ?? ''].join(':'),
          HOME: process.env.HOME ?? tmpdir(),
          LANG: 'C.UTF-8',
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_WORKSPACE: ROOT,
          ...(hooks.env ?? {}),
          ...stepEnv,
        }
        const r = await bash(script, env, ROOT)
        const commands = parseCommands(r.stdout)
        record.kind = 'run'
        record.outcome = r.code === 0 ? 'success' : 'failure'
        record.outputs = r.outputs
        record.errors = commands.errors
        record.notices = r.stdout
          .split('\n')
          .map((l) => /^::notice(?: [^:]*)?::(.*)$/.exec(l)?.[1])
          .filter((n): n is string => n !== undefined)
        record.log = r.stdout + r.stderr
        exported = { ...exported, ...r.exported }
      }
    }
    const continueOnError = truthy(interpolate(step['continue-on-error'] ?? false, stepCtx, status))
    record.conclusion = record.outcome === 'failure' && continueOnError ? 'success' : record.outcome
    if (record.conclusion === 'failure') failed = true
    if (step.id) steps[step.id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.conclusion }
    records.push(record)
    hooks.after?.(step, record)
  }
  return { steps: records, failed, context: steps }
}

/**
 * The jobs that run, in the order of `needs`, for the run's contexts: a job runs when its `if:` holds,
 * where success() needs every job in `needs` to have run and succeeded (`failedJobs` name those that
 * failed), as the runner decides.
 */
export function jobsThatRun(workflow: Workflow, ctx: Contexts, failedJobs: string[] = []): string[] {
  const decided = new Map<string, boolean>()
  const runs = (name: string): boolean => {
    const known = decided.get(name)
    if (known !== undefined) return known
    const job = workflow.jobs[name]
    if (!job) throw new Error(`no job ${name}`)
    const needs = [job.needs ?? []].flat()
    const status: Status = { failed: needs.some((n) => failedJobs.includes(n)), needsSkipped: needs.some((n) => !runs(n)) }
    const result = holds(job.if, { env: {}, ...ctx }, status)
    decided.set(name, result)
    return result
  }
  return Object.keys(workflow.jobs).filter(runs)
}
