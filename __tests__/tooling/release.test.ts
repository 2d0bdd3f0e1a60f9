// The release workflow as written: a vX.Y.Z tag pushed in a scratch clone produces the major tag (v1) on the
// remote, by running release.yml's own `run:` steps (all but the GitHub API call and the npm build, see
// SKIPPED); a tag that does not match package.json fails before anything moves.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const ROOT = join(import.meta.dirname, '..', '..')
const FILES = ['package.json', 'CHANGELOG.md', 'scripts/release.js', '.github/workflows/release.yml']

interface Step {
  name?: string
  uses?: string
  run?: string
  env?: Record<string, string>
}
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
  on: { push: { tags: string[] } }
  jobs: { release: { steps: Step[] } }
}
const steps = workflow.jobs.release.steps

/** Steps the replay does not run, and why: each is checked elsewhere. */
const SKIPPED: Record<string, string> = {
  'Check that dist/ is the build of the source': 'npm ci + build; .ci/run makes the same check on every push',
  'Create the GitHub release': 'a GitHub API call (gh release create)',
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
}
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim()
const commitOf = (cwd: string, ref: string): string | undefined => {
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
}

let dir: string
let origin: string
let clone: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'release-'))
  origin = join(dir, 'origin.git')
  const seed = join(dir, 'seed')
  git(dir, 'init', '--quiet', '--bare', '-b', 'main', origin)
  git(dir, 'init', '--quiet', '-b', 'main', seed)
  for (const f of FILES) {
    mkdirSync(dirname(join(seed, f)), { recursive: true })
    cpSync(join(ROOT, f), join(seed, f))
  }
  git(seed, 'add', '-A')
  git(seed, 'commit', '--quiet', '-m', 'seed')
  git(seed, 'push', '--quiet', origin, 'main')
  clone = join(dir, 'clone')
  git(dir, 'clone', '--quiet', origin, clone)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs release.yml's steps for `tag` in the clone as the runner would (bash -eo pipefail); returns the first failure. */
function replay(tag: string): { ran: string[]; failed?: { name: string; output: string }; notes: string } {
  const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'))
  const ran: string[] = []
  for (const step of steps) {
    if (step.uses || !step.run) continue
    const name = step.name ?? step.run
    if (name in SKIPPED) continue
    const env: Record<string, string> = { ...process.env, ...GIT_ENV, GITHUB_REF_NAME: tag, GITHUB_REF: `refs/tags/${tag}`, RUNNER_TEMP: runnerTemp }
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = v.replace(/\$\{\{\s*github\.token\s*\}\}/g, 'test-token')
    expect(JSON.stringify(step.env ?? {}), name).not.toMatch(/\$\{\{(?!\s*github\.token\s*\}\})/)
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: clone, env, encoding: 'utf8' })
    ran.push(name)
    if (r.status !== 0) return { ran, failed: { name, output: r.stdout + r.stderr }, notes: '' }
  }
  let notes = ''
  try {
    notes = readFileSync(join(runnerTemp, 'release-notes.md'), 'utf8')
  } catch {
    /* no notes written */
  }
  return { ran, notes }
}

function pushTag(tag: string): void {
  git(clone, 'tag', '-a', tag, '-m', tag)
  git(clone, 'push', '--quiet', 'origin', tag)
}

describe('.github/workflows/release.yml, replayed in a scratch clone', () => {
  it('skips only the GitHub API call and the npm build, and runs on vX.Y.Z tags only', () => {
    const names = steps.filter((s) => s.run).map((s) => s.name ?? '')
    expect(names).toEqual(expect.arrayContaining(Object.keys(SKIPPED)))
    expect(steps.filter((s) => s.run && /\bgh /.test(s.run)).map((s) => s.name)).toEqual(['Create the GitHub release'])
    const pattern = workflow.on.push.tags.map((t) => new RegExp(`^${t.replace(/\./g, '\\.').replace(/\[0-9\]\+/g, '[0-9]+')}$`))
    expect(pattern.some((p) => p.test('v1.0.0'))).toBe(true)
    for (const not of ['v1', 'v1.0', 'latest'])
      expect(
        pattern.some((p) => p.test(not)),
        not,
      ).toBe(false)
    // the release is published from the notes the replayed check step writes
    const byName = Object.fromEntries(steps.map((s) => [s.name ?? '', s.run ?? '']))
    expect(byName['Check the tag against package.json and CHANGELOG.md']).toContain('--notes-file "$RUNNER_TEMP/release-notes.md"')
    expect(byName['Create the GitHub release']).toContain('--notes-file "$RUNNER_TEMP/release-notes.md"')
  })

  it("a tag v1.0.0 produces v1 on the remote, at v1.0.0's commit, with the CHANGELOG entry as the notes", () => {
    pushTag('v1.0.0')
    expect(commitOf(origin, 'v1')).toBeUndefined()
    const { ran, failed, notes } = replay('v1.0.0')
    expect(failed).toBeUndefined()
    expect(ran).toEqual(['Check the tag against package.json and CHANGELOG.md', 'Move the major tag'])
    expect(commitOf(origin, 'v1')).toBe(commitOf(origin, 'v1.0.0'))
    expect(notes).toContain('### Added')
    expect(notes).toContain('`mode: plan`')
    expect(notes).not.toContain('## [1.0.0]')
    expect(notes).not.toContain('Unreleased')
  })

  it('the next release moves v1 forward; an older patch released later does not move it back', () => {
    pushTag('v1.0.0')
    expect(replay('v1.0.0').failed).toBeUndefined()
    const first = commitOf(origin, 'v1.0.0')
    const bump = (version: string): void => {
      const pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string }
      writeFileSync(join(clone, 'package.json'), JSON.stringify({ ...pkg, version }, null, 2) + '\n')
      const changelog = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')
      writeFileSync(
        join(clone, 'CHANGELOG.md'),
        changelog.replace('## [Unreleased]', `## [Unreleased]\n\n## [${version}] - 2026-12-02\n\n### Fixed\n\n- release ${version}`),
      )
      git(clone, 'commit', '--quiet', '-am', version)
      git(clone, 'push', '--quiet', 'origin', `HEAD:refs/heads/release-${version}`)
    }
    bump('1.1.0')
    pushTag('v1.1.0')
    const r = replay('v1.1.0')
    expect(r.failed).toBeUndefined()
    expect(r.notes).toContain('release 1.1.0')
    expect(commitOf(origin, 'v1')).toBe(commitOf(origin, 'v1.1.0'))
    expect(commitOf(origin, 'v1')).not.toBe(first)
    // a 1.0.1 hotfix from the 1.0.0 commit, released after 1.1.0
    git(clone, 'checkout', '--quiet', '-b', 'hotfix', 'v1.0.0')
    bump('1.0.1')
    pushTag('v1.0.1')
    expect(replay('v1.0.1').failed).toBeUndefined()
    expect(commitOf(origin, 'v1')).toBe(commitOf(origin, 'v1.1.0'))
  })

  it('a tag that does not match package.json fails at the first step, and v1 is not created', () => {
    pushTag('v1.0.1')
    const { ran, failed } = replay('v1.0.1')
    expect(ran).toEqual(['Check the tag against package.json and CHANGELOG.md'])
    expect(failed?.output).toContain("tag 'v1.0.1' does not match package.json's version '1.0.0'")
    expect(commitOf(origin, 'v1')).toBeUndefined()
    expect(commitOf(clone, 'v1')).toBeUndefined()
  })

  it('a version without a CHANGELOG entry fails; --dry-run changes nothing', () => {
    const changelog = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')
    writeFileSync(join(clone, 'CHANGELOG.md'), changelog.replace('## [1.0.0]', '## [0.9.0]'))
    git(clone, 'commit', '--quiet', '-am', 'no entry')
    pushTag('v1.0.0')
    expect(replay('v1.0.0').failed?.output).toContain("CHANGELOG.md has no '## [1.0.0]' entry")
    expect(commitOf(origin, 'v1')).toBeUndefined()
    git(clone, 'checkout', '--quiet', 'HEAD~1')
    git(clone, 'tag', '-f', 'v1.0.0')
    const dry = execFileSync(process.execPath, ['scripts/release.js', 'v1.0.0', '--dry-run'], { cwd: clone, encoding: 'utf8' })
    expect(dry).toContain('would move v1 to v1.0.0')
    expect(commitOf(clone, 'v1')).toBeUndefined()
  })
})
