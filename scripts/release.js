#!/usr/bin/env node
// The release logic that .github/workflows/release.yml runs on a vX.Y.Z tag, kept here so that a test can
// replay it in a scratch clone (__tests__/tooling/release.test.ts).
//
//   node scripts/release.js <tag> [--notes-file <path>] [--dry-run] [--push] [--remote <name>]
//
// 1. the tag must be vX.Y.Z and equal to `v` + package.json's version;
// 2. CHANGELOG.md must have a `## [X.Y.Z]` entry: its text is written to --notes-file (the release notes);
// 3. the major tag vX is moved to the tag's commit (git tag -f), unless a higher vX.*.* release exists
//    (a patch of an older minor does not move it back); with --push it is force-pushed to --remote (origin).
// --dry-run checks 1 and 2 and prints what 3 would do, changing nothing.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const SEMVER_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

export class ReleaseError extends Error {}

/** Parses and checks the tag against package.json's version; returns { version, major }. */
export function checkTag(tag, packageVersion) {
  const m = SEMVER_TAG.exec(tag)
  if (!m) throw new ReleaseError(`tag '${tag}' is not a release tag: use vMAJOR.MINOR.PATCH, e.g. v1.0.0`)
  const version = tag.slice(1)
  if (version !== packageVersion) {
    throw new ReleaseError(
      `tag '${tag}' does not match package.json's version '${packageVersion}': set "version": "${version}" in package.json (and a CHANGELOG entry), or tag v${packageVersion}`,
    )
  }
  return { version, major: `v${m[1]}`, parts: [Number(m[1]), Number(m[2]), Number(m[3])] }
}

/** The text of CHANGELOG.md's `## [version]` entry, without its heading. */
export function changelogEntry(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex((l) => l.startsWith(`## [${version}]`))
  if (start < 0) throw new ReleaseError(`CHANGELOG.md has no '## [${version}]' entry: move the [Unreleased] notes under '## [${version}] - <date>'`)
  let end = lines.findIndex((l, i) => i > start && (l.startsWith('## ') || /^\[[^\]]+\]:\s/.test(l)))
  if (end < 0) end = lines.length
  const body = lines
    .slice(start + 1, end)
    .join('\n')
    .trim()
  if (!body) throw new ReleaseError(`CHANGELOG.md's '## [${version}]' entry is empty`)
  return body + '\n'
}

function git(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

/** Whether the major tag should point at `tag`: only if no higher release of the same major exists. */
export function majorTarget(tags, tag) {
  const mine = SEMVER_TAG.exec(tag)
  const same = tags
    .map((t) => [t, SEMVER_TAG.exec(t)])
    .filter(([, m]) => m && mine && m[1] === mine[1])
    .map(([t, m]) => [t, [Number(m[1]), Number(m[2]), Number(m[3])]])
  const highest = same.reduce((best, cur) => (!best || cmp(cur[1], best[1]) > 0 ? cur : best), undefined)
  return !highest || highest[0] === tag ? tag : highest[0]
}

export function release({ cwd, tag, notesFile, dryRun, push, remote = 'origin', log = console.log }) {
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'))
  const { version, major } = checkTag(tag, pkg.version)
  const notes = changelogEntry(readFileSync(join(cwd, 'CHANGELOG.md'), 'utf8'), version)
  let commit
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])
  } catch {
    throw new ReleaseError(`tag '${tag}' does not exist in this clone: create and push it first (git tag ${tag} && git push origin ${tag})`)
  }
  if (notesFile) writeFileSync(notesFile, notes)
  log(
    `${tag}: package.json ${pkg.version}, CHANGELOG entry of ${notes.split('\n').length - 1} lines${notesFile ? ` written to ${notesFile}` : ''}, commit ${commit}`,
  )
  const target = majorTarget(
    git(cwd, ['tag', '--list', `${major}.*.*`])
      .split('\n')
      .filter(Boolean),
    tag,
  )
  if (target !== tag) {
    log(`${major} stays at ${target}, a higher ${major} release than ${tag}`)
    return { version, major, commit, moved: false, notes }
  }
  const prefix = dryRun ? 'would ' : ''
  log(`${prefix}move ${major} to ${tag} (${commit})${push ? ` and push it to ${remote}` : ''}`)
  if (!dryRun) {
    git(cwd, ['tag', '--force', major, commit])
    if (push) git(cwd, ['push', '--force', remote, `refs/tags/${major}:refs/tags/${major}`])
  }
  return { version, major, commit, moved: !dryRun, notes }
}

function main(argv) {
  const args = { dryRun: false, push: false, remote: 'origin' }
  const rest = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dry-run') args.dryRun = true
    else if (a === '--push') args.push = true
    else if (a === '--notes-file') args.notesFile = argv[++i]
    else if (a === '--remote') args.remote = argv[++i]
    else if (a.startsWith('--')) throw new ReleaseError(`unknown option ${a}`)
    else rest.push(a)
  }
  if (rest.length !== 1) throw new ReleaseError('usage: node scripts/release.js <vX.Y.Z> [--notes-file <path>] [--dry-run] [--push] [--remote <name>]')
  release({ cwd: process.cwd(), tag: rest[0], ...args })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main(process.argv.slice(2))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`::error title=Release::${message.replace(/\r?\n/g, ' ')}`)
    process.exit(1)
  }
}
