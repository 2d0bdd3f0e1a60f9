// @ts-check
// Proves that `npm ci` installs the Node 24 binary of the platform it installs for, and no other:
// copies the manifests (package.json, package-lock.json, tools/node24/) and the postinstall into a
// scratch directory, runs `npm ci --os=<os> --cpu=<cpu>` there (default: darwin arm64, a Mac with
// Apple silicon), and fails if it did not succeed or if it installed a binary for another platform.
//   node scripts/check-platform-install.js [--os=darwin] [--cpu=arm64] [--only-node24] [--keep]
// --only-node24 installs tools/node24 alone (seconds; what the test runs), not the whole project.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const arg = (/** @type {string} */ name, /** @type {string} */ fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
const os = arg('os', 'darwin')
const cpu = arg('cpu', 'arm64')
const onlyNode24 = process.argv.includes('--only-node24')

const scratch = mkdtempSync(join(tmpdir(), 'platform-install-'))
try {
  for (const file of [
    'package.json',
    'package-lock.json',
    'tools/node24/package.json',
    'tools/node24/package-lock.json',
    'tools/node24-binary.js',
    'scripts/install-node24.js',
  ]) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true })
    cpSync(join(ROOT, file), join(scratch, file))
  }
  const npm = process.env.npm_execpath
  const args = onlyNode24
    ? ['ci', '--prefix', join(scratch, 'tools', 'node24'), `--os=${os}`, `--cpu=${cpu}`, '--no-audit', '--no-fund', '--prefer-offline']
    : ['ci', `--os=${os}`, `--cpu=${cpu}`, '--no-audit', '--no-fund', '--prefer-offline']
  const npmCmd = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm, ...args]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args]
  const result = spawnSync(/** @type {string} */ (npmCmd[0]), /** @type {string[]} */ (npmCmd[1]), {
    cwd: scratch,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
  const log = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${result.status}):\n${log}`)

  const dir = join(scratch, 'tools', 'node24', 'node_modules')
  const installed = existsSync(dir) ? readdirSync(dir).filter((d) => /^node-(linux|darwin|win)-/.test(d)) : []
  const rootInstalled = existsSync(join(scratch, 'node_modules'))
    ? readdirSync(join(scratch, 'node_modules')).filter((d) => /^node-(linux|darwin|win)-/.test(d))
    : []
  const expected = `node-${os === 'win32' ? 'win' : os}-${cpu}`
  const wrong = [...installed, ...rootInstalled].filter((d) => d !== expected)
  /** @type {Record<string, string>} */
  const offered = JSON.parse(readFileSync(join(ROOT, 'tools', 'node24', 'package.json'), 'utf8')).optionalDependencies
  const report = {
    os,
    cpu,
    scope: onlyNode24 ? 'tools/node24' : 'project',
    installed: [...installed, ...rootInstalled],
    expected: expected in offered ? expected : null,
    postinstall: log.split('\n').filter((l) => l.includes('tools/node24')),
  }
  console.log(JSON.stringify(report, null, 2))
  if (wrong.length) throw new Error(`npm ci --os=${os} --cpu=${cpu} installed a Node binary for another platform: ${wrong.join(', ')}`)
  if (expected in offered && !installed.includes(expected)) throw new Error(`npm ci --os=${os} --cpu=${cpu} did not install ${expected}`)
} finally {
  if (!process.argv.includes('--keep')) rmSync(scratch, { recursive: true, force: true })
  else console.error(`kept ${scratch}`)
}
