// @ts-check
// Runs the built action the way the GitHub runner runs a `node24` action: action.yml's input
// defaults applied by the caller (the runner does this, not @actions/core), INPUT_<NAME> variables
// (upper-cased, hyphens kept), fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files,
// the usual GITHUB_* variables, then `node <runs.main>`. Parses what the runner parses: outputs in
// both forms, workflow commands (::add-mask::, ::error::, ::warning::, ::debug::) and the summary.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

// The Node 24 binary's lookup lives in a module without dependencies, so that .ci/run can use it
// before `npm ci`; re-exported here for the tests and scripts that import it from this file.
export { node24Package, node24Path } from './node24-binary.js'

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} inputs          inputs as a workflow's `with:` gives them
 * @property {Record<string, string | undefined>} [env] extra environment (AWS_ENDPOINT_URL, AWS_REGION, ...)
 * @property {string} [node]                           the Node binary (default: this process's)
 * @property {string} [eventName]                      GITHUB_EVENT_NAME (default push)
 * @property {unknown} [event]                         the event payload written to GITHUB_EVENT_PATH
 * @property {string} [token]                          what `${{ github.token }}` evaluates to
 * @property {number} [timeoutMs]
 * @property {string[]} [wrap]                       a command that runs node, e.g. ['prlimit', '--as=2500000000'] (a resource cap)
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} exitCode
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string[]} masks
 * @property {string[]} errors
 * @property {string[]} warnings
 * @property {string[]} debug
 * @property {string[]} logLines   stdout lines that are not workflow commands, masked as the runner masks them
 * @property {string} summary
 * @property {Record<string, string>} env  the environment the action ran with
 */

/** @returns {{inputs: Record<string, {default?: string, required?: boolean}>, runs: {using: string, main: string}}} */
export function readActionYml(dir = ROOT) {
  return parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8'))
}

/**
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function runAction(options) {
  const action = readActionYml()
  const work = mkdtempSync(join(tmpdir(), 'run-action-'))
  const files = {
    output: join(work, 'output'),
    summary: join(work, 'summary'),
    event: join(work, 'event.json'),
    state: join(work, 'state'),
    env: join(work, 'env'),
    path: join(work, 'path'),
  }
  for (const f of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(f, '')
  writeFileSync(files.event, JSON.stringify(options.event ?? {}))

  const token = options.token ?? 'ghs_runActionHarnessToken'
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? work,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__self',
    GITHUB_ACTOR: 'octocat',
    GITHUB_REPOSITORY: 'acme/webapp',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_WORKSPACE: work,
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_JOB: 'test',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: work,
  }
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const given = options.inputs[name]
    const value = given !== undefined ? given : evaluate(String(spec.default ?? ''), token)
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  for (const name of Object.keys(options.inputs)) {
    if (!(name in (action.inputs ?? {}))) throw new Error(`runAction: '${name}' is not an input of action.yml`)
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }

  const main = join(ROOT, action.runs.main)
  const argv = [...(options.wrap ?? []), options.node ?? process.execPath, main]
  const child = spawn(argv[0] ?? '', argv.slice(1), { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d))
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  /** @type {number | null} */
  const exitCode = await new Promise((done) => child.on('close', (code) => done(code)))
  clearTimeout(timeout)

  const { plainLines, ...commands } = parseCommands(stdout)
  const result = {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    ...commands,
    logLines: plainLines.map((line) => maskLine(line, commands.masks)),
    summary: readFileSync(files.summary, 'utf8'),
    env,
  }
  rmSync(work, { recursive: true, force: true })
  return result
}

/**
 * The subset of expressions action.yml defaults use.
 * @param {string} text
 * @param {string} token
 */
function evaluate(text, token) {
  return text.replace(/\$\{\{\s*github\.token\s*\}\}/g, token)
}

/**
 * GITHUB_OUTPUT content: `name=value` lines and `name<<DELIMITER` heredocs.
 * @param {string} content
 */
export function parseFileCommand(content) {
  /** @type {Record<string, string>} */
  const out = {}
  const lines = content.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      /** @type {string[]} */ const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      if (i >= lines.length) throw new Error(`unterminated heredoc for output '${name}'`)
      out[String(name)] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq < 0) throw new Error(`malformed output line: ${line}`)
    out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}

/** @param {string} s */
function unescapeData(s) {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/**
 * Workflow commands on stdout, as the runner reads them.
 * @param {string} stdout
 */
export function parseCommands(stdout) {
  /** @type {string[]} */ const masks = []
  /** @type {string[]} */ const errors = []
  /** @type {string[]} */ const warnings = []
  /** @type {string[]} */ const debug = []
  /** @type {string[]} */ const plainLines = []
  for (const line of stdout.split('\n')) {
    const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (!m) {
      if (line !== '') plainLines.push(line)
      continue
    }
    const [, command, data = ''] = m
    const value = unescapeData(data)
    if (command === 'add-mask') masks.push(value)
    else if (command === 'error') errors.push(value)
    else if (command === 'warning') warnings.push(value)
    else if (command === 'debug') debug.push(value)
    else plainLines.push(line)
  }
  return { masks, errors, warnings, debug, plainLines }
}

/**
 * The strings the runner's secret masker holds for the registered masks: each mask, and each line of a
 * multi-line mask, trimmed (actions/runner#1521, "Add masks for multiline secrets from ::add-mask::":
 * the value is split on CR and LF, empty entries dropped, each line added).
 * @param {string[]} masks
 */
export function maskerValues(masks) {
  /** @type {Set<string>} */
  const values = new Set()
  for (const m of masks) {
    if (m) values.add(m)
    for (const line of m.split(/[\r\n]/)) if (line.trim()) values.add(line.trim())
  }
  return [...values].sort((a, b) => b.length - a.length)
}

/**
 * What the runner prints: every registered secret (and every line of a multi-line one) replaced by ***.
 * @param {string} line
 * @param {string[]} masks
 */
export function maskLine(line, masks) {
  let out = line
  for (const m of maskerValues(masks)) out = out.split(m).join('***')
  return out
}

/**
 * The runner's job-output rule (actions/runner#1061): a job output whose value contains a masked
 * string is skipped ("Skip output 'x' since it may contain secret").
 * @param {Record<string, string>} outputs
 * @param {string[]} masks
 */
export function jobOutputs(outputs, masks) {
  /** @type {Record<string, string>} */
  const kept = {}
  const values = maskerValues(masks)
  for (const [name, value] of Object.entries(outputs)) {
    if (!values.some((m) => value.includes(m))) kept[name] = value
  }
  return kept
}
