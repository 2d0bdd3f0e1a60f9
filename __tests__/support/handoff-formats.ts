// How each consumer of the OpenMetadata hand-off reads it back, for the end-to-end tests of issue 16 case 9:
// the runner's GITHUB_ENV file, a docker compose env file, a POSIX shell `export` line per variable, and
// the YAML OpenMetadata parses after substituting the variables (conf/openmetadata.yaml) or Helm's values.
// Each reader throws when its consumer would refuse the text.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { parseFileCommand } from '../../tools/run-action.js'

/**
 * `printf '%s\n' "$OPENMETADATA_ENV" >> "$GITHUB_ENV"`, read as the runner reads an environment file:
 * `NAME=value` (the value literally, everything after the first `=`) or a `NAME<<DELIMITER` heredoc
 * (docs.github.com, "Workflow commands for GitHub Actions", "Setting an environment variable";
 * tools/run-action.js parseFileCommand is the same parser the suite uses for GITHUB_OUTPUT).
 */
export function readGithubEnv(text: string): Record<string, string> {
  return parseFileCommand(`${text}\n`)
}

// ---------- docker compose --env-file / env_file ----------

/**
 * A docker compose env file, read the way Compose reads it (compose-spec/compose-go, dotenv/parser.go and
 * template/template.go; documented in docs.docker.com, "Syntax for environment files in Docker Compose"):
 * - blank lines and lines starting with `#` are skipped; an `export ` prefix is dropped;
 * - an unquoted value runs to the end of the line, is cut at ` #` (an inline comment), trimmed at the end,
 *   and interpolated;
 * - a single-quoted value is literal (`\'` is a quote); a double-quoted one takes \n, \r, \t, \\, \" and \$,
 *   then is interpolated;
 * - interpolation: `$$` is `$`; `$NAME` and `${NAME}` are substituted (from the environment, then from the
 *   file's earlier lines; unset is empty), with `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}`, `${NAME+x}`,
 *   `${NAME:?e}`, `${NAME?e}`; any other `${...` (such as an unclosed `${x`) is an invalid template: an
 *   error; a `$` followed by anything else stays as it is.
 */
export function readComposeEnvFile(text: string, environment: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  const lookup = (name: string): string | undefined => environment[name] ?? out[name]
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').replace(/^[\t\v\f\r \u0085\u00a0]+/, '')
    if (line === '' || line.startsWith('#')) continue
    line = line.replace(/^export\s+/, '')
    const m = /^([\p{L}\p{N}_.\-[\]]+)[\t\v\f\r \u0085\u00a0]*[=:][\t\v\f\r \u0085\u00a0]*(.*)$/u.exec(line)
    if (!m) throw new Error(`compose: line ${i + 1}: unexpected character in variable name: ${line}`)
    const key = m[1] ?? ''
    let rest = m[2] ?? ''
    const quote = rest[0]
    if (quote === "'" || quote === '"') {
      // A quoted value may run over several lines.
      let value = ''
      let j = 1
      let escaped = false
      for (;;) {
        if (j >= rest.length) {
          if (i + 1 >= lines.length) throw new Error(`compose: line ${i + 1}: unterminated quoted value`)
          rest += `\n${lines[++i] ?? ''}`
          continue
        }
        const ch = rest[j] ?? ''
        j++
        if (escaped) {
          value += ch === quote ? ch : `\\${ch}`
          escaped = false
        } else if (ch === '\\') escaped = true
        else if (ch === quote) break
        else value += ch
      }
      out[key] = quote === '"' ? interpolate(expandEscapes(value), lookup) : value
      continue
    }
    const cut = rest.indexOf(' #')
    const value = (cut >= 0 ? rest.slice(0, cut) : rest).replace(/[\s]+$/u, '')
    out[key] = interpolate(value, lookup)
  }
  return out
}

/** compose-go's expandEscapes: \n \r \t \\ \" and \$ (→ `$$`, so that interpolation keeps a `$`). */
function expandEscapes(value: string): string {
  return value.replace(/\\([abcfnrtv$"\\])/g, (_all, c: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$$', a: '\x07', b: '\b', f: '\f', v: '\v' }
    return map[c] ?? `\\${c}`
  })
}

/** Compose's interpolation (template.Substitute). */
function interpolate(value: string, lookup: (name: string) => string | undefined): string {
  let out = ''
  for (let i = 0; i < value.length;) {
    const ch = value[i]
    if (ch !== '$') {
      out += ch
      i++
      continue
    }
    const next = value[i + 1] ?? ''
    if (next === '$') {
      out += '$'
      i += 2
      continue
    }
    const named = /^[_a-z][_a-z0-9]*/i.exec(value.slice(i + 1))
    if (named) {
      out += lookup(named[0]) ?? ''
      i += 1 + named[0].length
      continue
    }
    if (next === '{') {
      // The first closing brace that balances the opening one (getFirstBraceClosingIndex).
      let depth = 0
      let close = -1
      for (let j = i + 1; j < value.length; j++) {
        if (value[j] === '}') {
          depth--
          if (depth === 0) {
            close = j
            break
          }
        }
        if (value[j] === '{') {
          depth++
          j++
        }
      }
      if (close < 0) throw new Error(`compose: invalid template: ${JSON.stringify(value)}`)
      const inner = value.slice(i + 2, close)
      const m = /^([_a-z][_a-z0-9]*)(?:(:?[-+?])(.*))?$/is.exec(inner)
      if (!m) throw new Error(`compose: invalid template: ${JSON.stringify(value)}`)
      const [, name = '', op, arg = ''] = m
      const v = lookup(name)
      const empty = v === undefined || v === ''
      if (op === undefined) out += v ?? ''
      else if (op === ':-') out += empty ? interpolate(arg, lookup) : (v ?? '')
      else if (op === '-') out += v === undefined ? interpolate(arg, lookup) : v
      else if (op === ':+') out += empty ? '' : interpolate(arg, lookup)
      else if (op === '+') out += v === undefined ? '' : interpolate(arg, lookup)
      else if ((op === ':?' && empty) || (op === '?' && v === undefined)) throw new Error(`compose: required variable ${name} is missing a value`)
      else out += v ?? ''
      i = close + 1
      continue
    }
    out += '$'
    i++
  }
  return out
}

// ---------- a POSIX shell ----------

/**
 * Each `NAME=value` line run as `export NAME=value` by /bin/sh (`sed 's/^/export /' file > env.sh; . ./env.sh`),
 * in an empty directory with only `environment`, then the variables read back. Throws when sh fails.
 */
export function readShellExports(text: string, environment: Record<string, string>): Record<string, string> {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const names = lines.map((l) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(l)?.[1])
  if (names.some((n) => n === undefined)) throw new Error(`sh: not an assignment: ${lines.find((_, i) => names[i] === undefined)}`)
  const script = ['set -e', ...lines.map((l) => `export ${l}`), ...(names as string[]).map((n) => `printf '%s\\0' "$${n}"`)].join('\n')
  const dir = mkdtempSync(join(tmpdir(), 'handoff-sh-'))
  try {
    const stdout = execFileSync('/bin/sh', ['-c', script], {
      cwd: dir,
      env: { PATH: '/usr/bin:/bin', ...environment },
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const values = stdout.split('\0')
    return Object.fromEntries((names as string[]).map((n, i) => [n, values[i] ?? '']))
  } catch (error) {
    throw new Error(`sh: ${(error as { stderr?: string }).stderr || String(error)}`, { cause: error })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---------- YAML ----------

/** A value as OpenMetadata reads it after substituting it into conf/openmetadata.yaml: parsed as YAML. */
export function readYamlValue(text: string): unknown {
  return parseYaml(text)
}

/** The `yaml` code block of the job summary that holds the `openmetadata:` Helm values, parsed. */
export function helmValuesFromSummary(summary: string): Record<string, unknown> | undefined {
  for (const m of summary.matchAll(/^(`{3,})yaml\n([\s\S]*?)\n\1$/gm)) {
    const body = m[2] ?? ''
    if (/^openmetadata:/m.test(body)) return parseYaml(body) as Record<string, unknown>
  }
  return undefined
}
