// Our own workflows (.github/workflows) pin third-party actions by full commit SHA with the version in a
// comment, keep no git credentials after checkout, and bound every job; the examples use the current major
// of configure-aws-credentials; Dependabot and .gitattributes say what the README promises.
// (actionlint on every workflow: __tests__/metadata.test.ts.)
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { docPages } from '../support/docs.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const list = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`)
const OWN = list('.github/workflows')
const EXAMPLES = list('examples/workflows')

/** The current major of aws-actions/configure-aws-credentials (v6.2.3 is its latest release as of 2026-12). */
const CONFIGURE_AWS_CREDENTIALS_MAJOR = 'v6'

interface Step {
  uses?: string
  with?: Record<string, unknown>
}
interface Workflow {
  jobs: Record<string, { 'timeout-minutes'?: number; steps?: Step[]; uses?: string }>
}

/** Every `uses:` line of a workflow text: the reference and the comment after it. */
function usesLines(text: string): { ref: string; comment: string; line: number }[] {
  return text.split('\n').flatMap((l, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*))?$/.exec(l)
    return m ? [{ ref: m[1] ?? '', comment: (m[2] ?? '').trim(), line: i + 1 }] : []
  })
}

/** Problems with a workflow's third-party `uses:` pins (local `./` actions are ours). */
function pinProblems(text: string): string[] {
  return usesLines(text)
    .filter((u) => !u.ref.startsWith('./'))
    .flatMap((u) => {
      const at = u.ref.lastIndexOf('@')
      const sha = at < 0 ? '' : u.ref.slice(at + 1)
      const problems: string[] = []
      if (!/^[0-9a-f]{40}$/.test(sha)) problems.push(`line ${u.line}: ${u.ref} is not pinned by a 40-hex commit SHA`)
      if (!/^v\d+(\.\d+){0,2}$/.test(u.comment)) problems.push(`line ${u.line}: ${u.ref} has no '# vX' version comment`)
      return problems
    })
}

describe('own workflows (.github/workflows)', () => {
  it('finds them, including release and CodeQL', () => {
    expect(OWN).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/integration.yml',
        '.github/workflows/release.yml',
        '.github/workflows/codeql.yml',
      ]),
    )
  })

  it.each(OWN)('%s pins every third-party action by a 40-hex SHA with a # vX comment', (path) => {
    const text = read(path)
    expect(usesLines(text).filter((u) => !u.ref.startsWith('./')).length, path).toBeGreaterThan(0)
    expect(pinProblems(text)).toEqual([])
  })

  it('the pin check can fail: a tag, a short SHA and a SHA without comment are each reported', () => {
    const text = [
      'steps:',
      '  - uses: actions/checkout@v7',
      '  - uses: actions/checkout@3d3c42e # v7.0.1',
      '  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      '  - uses: ./',
    ].join('\n')
    expect(pinProblems(text)).toEqual([
      'line 2: actions/checkout@v7 is not pinned by a 40-hex commit SHA',
      "line 2: actions/checkout@v7 has no '# vX' version comment",
      'line 3: actions/checkout@3d3c42e is not pinned by a 40-hex commit SHA',
      "line 4: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 has no '# vX' version comment",
    ])
  })

  it.each(OWN)('%s: every job has timeout-minutes, every checkout sets persist-credentials: false', (path) => {
    const wf = parse(read(path)) as Workflow
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(job['timeout-minutes'], `${path} job ${name}`).toBeGreaterThan(0)
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials'], `${path} job ${name}`).toBe(false)
      }
    }
  })

  it('the same pinned action is pinned to the same SHA everywhere', () => {
    const seen = new Map<string, Set<string>>()
    for (const path of OWN) {
      for (const u of usesLines(read(path)).filter((x) => !x.ref.startsWith('./'))) {
        const [name = '', sha = ''] = u.ref.split('@')
        const repo = name.split('/').slice(0, 2).join('/')
        seen.set(repo, (seen.get(repo) ?? new Set()).add(sha))
      }
    }
    for (const [repo, shas] of seen) expect([...shas], repo).toHaveLength(1)
  })

  it('ci.yml uploads the expected dist/ when the dist check fails on a difference', () => {
    const wf = parse(read('.github/workflows/ci.yml')) as Workflow
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps ?? []) as (Step & { if?: string })[]
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(upload?.if).toBe("failure() && hashFiles('.tmp/dist-differs') != ''")
    expect(upload?.with?.path).toBe('dist/')
    expect(read('.ci/run')).toContain('touch .tmp/dist-differs')
  })
})

describe('examples (examples/workflows, the README and docs/)', () => {
  it(`use aws-actions/configure-aws-credentials@${CONFIGURE_AWS_CREDENTIALS_MAJOR}, the current major`, () => {
    const refs = [...EXAMPLES.map(read), ...docPages().map(read)].flatMap((t) =>
      [...t.matchAll(/aws-actions\/configure-aws-credentials@(\S+)/g)].map((m) => m[1]),
    )
    expect(refs.length).toBeGreaterThan(5)
    expect(new Set(refs)).toEqual(new Set([CONFIGURE_AWS_CREDENTIALS_MAJOR]))
  })

  it('our own pin of configure-aws-credentials is a release of that same major', () => {
    const pin = usesLines(read('.github/workflows/integration.yml')).find((u) => u.ref.startsWith('aws-actions/configure-aws-credentials@'))
    expect(pin?.comment.split('.')[0]).toBe(CONFIGURE_AWS_CREDENTIALS_MAJOR)
  })
})

describe('upkeep files', () => {
  it('dependabot: npm weekly with @aws-sdk/* grouped, github-actions weekly', () => {
    const cfg = parse(read('.github/dependabot.yml')) as {
      version: number
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string }; groups?: Record<string, { patterns?: string[] }> }[]
    }
    expect(cfg.version).toBe(2)
    const by = Object.fromEntries(cfg.updates.map((u) => [u['package-ecosystem'], u]))
    expect(by.npm?.schedule.interval).toBe('weekly')
    expect(Object.values(by.npm?.groups ?? {}).some((g) => g.patterns?.includes('@aws-sdk/*'))).toBe(true)
    expect(by['github-actions']?.schedule.interval).toBe('weekly')
  })

  it('CodeQL analyses javascript-typescript', () => {
    const text = read('.github/workflows/codeql.yml')
    expect(text).toMatch(/languages:\s*javascript-typescript/)
    expect(text).toContain('github/codeql-action/analyze@')
  })

  it('.gitattributes marks dist/ generated', () => {
    expect(read('.gitattributes')).toMatch(/^dist\/\*\* .*linguist-generated=true/m)
  })
})
