// Contract: every rule of the local Cognito names its source. Each refusal (new AwsError(…),
// invalidParameter(…), notFound(…)), each domain status and each Describe / Get / List answer in
// tools/local-cognito/*.js has a `// source: …` comment on its line, in the comment block right above
// it, or (for a handler) before the handler's first return. So does each test hook of server.js that
// rewrites what AWS answers (an AWS member of a stored record: `pool.CreationDate = …`,
// `Object.assign(pool, …)`; server.js serves no operation, so any such write there is a hook). A
// source is one or more of, separated by
// `;`: `AWSB-NNN` (a row of docs/aws-behaviour.md), `model Shape[.Member]` or `model Operation …` (the
// API model), `terraform <file> <function>` (internal/service/cognitoidp/ of the Terraform AWS
// provider), an https URL (AWS's documentation), or `test-hook <name>` (not an AWS rule).
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const DIR = new URL('../../tools/local-cognito/', import.meta.url)
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.js'))
  .sort()
const DOC = readFileSync(new URL('../../docs/aws-behaviour.md', import.meta.url), 'utf8')
const ROWS = new Set([...DOC.matchAll(/^\| (AWSB-\d{3}) /gm)].map((m) => m[1]))
const MODEL = JSON.parse(readFileSync(new URL('model/service-2.json', DIR), 'utf8')) as {
  operations: Record<string, unknown>
  shapes: Record<string, { members?: Record<string, unknown> }>
}
/** The Terraform provider's files the audit read (internal/service/cognitoidp/ and its docs). */
const TERRAFORM_FILE = /^(?:[a-z_]+\.go|cognito_[a-z_]+\.html\.markdown)$/

/** What needs a source: a refusal, a domain status, a read handler or a describe helper. */
const REFUSAL = /\bnew AwsError\(|\binvalidParameter\(|\bnotFound\(/
const STATUS = /'(?:CREATING|UPDATING|DELETING|ACTIVE|FAILED)'/
const READ_HANDLER = /^\s*(?:Describe|Get|List)\w*\(req\)\s*\{/
const DESCRIBE_HELPER = /^\s*(?:function describe\w*\(|const describe\w* = )/
/** In server.js (the test hooks' file): a write of an AWS member (capitalised) of a stored record. */
const HOOK_WRITE = /\.[A-Z]\w*\s*=(?!=)|\bObject\.assign\(/
const HOOK_FILE = 'server.js'
/** The definitions of the refusal helpers themselves (errors.js). */
const DEFINITION = /^\s*(?:export (?:const|class|function)|constructor\(|class AwsError)/

const isComment = (line: string): boolean => /^\s*(?:\/\/|\/\*\*?|\*)/.test(line)

export interface Finding {
  file: string
  line: number
  text: string
  problem: string
}

/** The problems of one source comment's text (what follows `source:`). */
export function badSources(text: string): string[] {
  const problems: string[] = []
  for (const id of text.matchAll(/AWSB-\d+/g)) if (!ROWS.has(id[0])) problems.push(`${id[0]} is not a row of docs/aws-behaviour.md`)
  for (const raw of text.split(';')) {
    const part = raw.trim()
    if (part === '') continue
    if (/^AWSB-\d{3}\b/.test(part) || /^test-hook \S/.test(part) || /^https:\/\/\S+/.test(part)) continue
    const model = /^model (\S+)/.exec(part)
    if (model) {
      const ref = (model[1] ?? '').replace(/[),:]+$/, '')
      const [shape = '', member] = ref.split('.')
      const known = member ? MODEL.shapes[shape]?.members?.[member] !== undefined : MODEL.shapes[shape] !== undefined || MODEL.operations[shape] !== undefined
      if (!known) problems.push(`model ${ref} is not in the API model`)
      continue
    }
    const terraform = /^terraform (\S+)/.exec(part)
    if (terraform) {
      if (!TERRAFORM_FILE.test(terraform[1] ?? '')) problems.push(`terraform ${terraform[1]} is not a file of internal/service/cognitoidp/ or its docs`)
      continue
    }
    problems.push(`'${part}' is not a source (AWSB-NNN, model …, terraform …, https://…, test-hook …)`)
  }
  return problems
}

/** The source comment text for line `i` of `lines`, or undefined. */
function sourceFor(lines: string[], i: number): string | undefined {
  const own = /\/\/\s*source:(.*)$/.exec(lines[i] ?? '')
  if (own) return own[1]
  // The comment block right above (through a statement that started on the line above, e.g. `return fail(`).
  for (let j = i - 1; j >= 0 && j >= i - 12; j--) {
    const line = lines[j] ?? ''
    const found = /(?:\/\/|\*)\s*source:(.*)$/.exec(line)
    if (found) return found[1]
    if (isComment(line)) continue
    if (j === i - 1 && /[(,=?:]\s*$/.test(line)) continue
    break
  }
  // A read handler: before its first return.
  if (READ_HANDLER.test(lines[i] ?? '')) {
    for (let j = i + 1; j < lines.length && j <= i + 15; j++) {
      const found = /\/\/\s*source:(.*)$/.exec(lines[j] ?? '')
      if (found) return found[1]
      if (/^\s*return\b/.test(lines[j] ?? '')) break
    }
  }
  return undefined
}

/** Every rule of `text` (one file) without a valid source. */
export function unsourced(file: string, text: string): Finding[] {
  const lines = text.split('\n')
  const findings: Finding[] = []
  lines.forEach((line, i) => {
    if (isComment(line) || DEFINITION.test(line)) return
    const needs =
      REFUSAL.test(line) || STATUS.test(line) || READ_HANDLER.test(line) || DESCRIBE_HELPER.test(line) || (file === HOOK_FILE && HOOK_WRITE.test(line))
    if (!needs) return
    const at = { file, line: i + 1, text: line.trim() }
    const source = sourceFor(lines, i)
    if (source === undefined) findings.push({ ...at, problem: 'no source' })
    else for (const problem of badSources(source)) findings.push({ ...at, problem })
  })
  return findings
}

describe('local Cognito: every rule names its source', () => {
  it('reads every file of tools/local-cognito (and finds rules to check)', () => {
    expect(FILES).toEqual(expect.arrayContaining(['cognito.js', 'domains.js', 'federation.js', 'pools.js', 'rules.js', 'server.js', 'users.js']))
    const rules = FILES.flatMap((f) =>
      readFileSync(new URL(f, DIR), 'utf8')
        .split('\n')
        .filter((l) => !isComment(l) && (REFUSAL.test(l) || STATUS.test(l))),
    )
    expect(rules.length).toBeGreaterThan(80)
  })

  it.each(FILES)('%s: every refusal, status and Describe answer has a source that resolves', (file) => {
    expect(unsourced(file, readFileSync(new URL(file, DIR), 'utf8'))).toEqual([])
  })

  it('docs/aws-behaviour.md has the rows the code cites, each once, and the twelve findings', () => {
    const ids = [...DOC.matchAll(/^\| (AWSB-\d{3}) /gm)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of [
      'AWSB-002',
      'AWSB-016',
      'AWSB-019',
      'AWSB-021',
      'AWSB-044',
      'AWSB-062',
      'AWSB-066',
      'AWSB-083',
      'AWSB-086',
      'AWSB-100',
      'AWSB-115',
      'AWSB-131',
    ])
      expect(DOC).toMatch(new RegExp(`^\\| ${id} ★ \\|`, 'm'))
  })

  describe('the checker itself', () => {
    it('fails a refusal, a status or a describe answer without a source', () => {
      const text = [
        'function f(pool) {',
        "  if (!pool) throw invalidParameter('x')",
        "  d.state = 'DELETING'",
        '}',
        'const handlers = {',
        '  DescribeThing(req) {',
        '    return { Thing: {} }',
        '  },',
        '}',
      ].join('\n')
      expect(unsourced('x.js', text).map((f) => [f.line, f.problem])).toEqual([
        [2, 'no source'],
        [3, 'no source'],
        [6, 'no source'],
      ])
    })

    it('fails a test hook of server.js that rewrites an AWS member without a source, and accepts one with it', () => {
      const hook = ['    setAge(id, s) {', '      const pool = backend.pool(id)', '      pool.CreationDate = s', '    },'].join('\n')
      expect(unsourced('server.js', hook).map((f) => [f.line, f.problem])).toEqual([[3, 'no source']])
      expect(unsourced('pools.js', hook)).toEqual([])
      const sourced = hook.replace('      pool.CreationDate', '      // source: test-hook lc.setAge\n      pool.CreationDate')
      expect(unsourced('server.js', sourced)).toEqual([])
      expect(unsourced('server.js', '  Object.assign(pool, { CreationDate: 1 })').map((f) => f.problem)).toEqual(['no source'])
    })

    it('accepts a source on the line, in the block above, or in a handler before its return', () => {
      const text = [
        '  // source: AWSB-062',
        "  d.state = 'DELETING'",
        "  if (!pool) throw notFound('x') // source: model UserPoolType.Domain",
        '  /**',
        '   * The thing.',
        '   * source: terraform user_pool_domain.go waitUserPoolDomainDeleted',
        '   */',
        '  function describeThing(t) {',
        '  DescribeThing(req) {',
        '    // source: https://docs.aws.amazon.com/cognito/latest/developerguide/x.html',
        '    return {}',
        '  },',
        '      return fail(',
        "        new AwsError('X', 'y'), // source: test-hook lc.faults",
      ].join('\n')
      expect(unsourced('x.js', text)).toEqual([])
    })

    it('refuses a source that does not resolve', () => {
      expect(badSources(' AWSB-999')).toEqual(['AWSB-999 is not a row of docs/aws-behaviour.md'])
      expect(badSources(' model UserPoolType.NoSuchMember')).toEqual(['model UserPoolType.NoSuchMember is not in the API model'])
      expect(badSources(' terraform ../../etc/passwd x')).toHaveLength(1)
      expect(badSources(' because I said so')).toHaveLength(1)
      expect(badSources(' model UpdateUserPool errors; AWSB-016 (lowering the plan)')).toEqual([])
    })
  })
})
