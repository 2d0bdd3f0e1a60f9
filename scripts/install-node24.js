// @ts-check
// postinstall: installs tools/node24, the Node 24 binary the end-to-end suite runs dist/index.js
// under, and that `npm test` (scripts/node24.js) and .ci/run run everything under (action.yml declares
// `runs.using: node24`; this machine may run another Node). tools/node24
// has one optional dependency per platform, so npm installs only the binary that matches this
// machine, or none where npm has no Node 24 package (then the e2e suite runs under this Node only).
// Never fails the install: a contributor on any OS can always `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, node24Package, node24Path } from '../tools/node24-binary.js'

const platform = `${process.platform}-${process.arch}`
const target = `${process.env.npm_config_os || process.platform}-${process.env.npm_config_cpu || process.arch}`

/** The version tools/node24 has installed for this machine, when it is the one its lockfile pins. */
function installedAsLocked() {
  const name = node24Package()
  if (!name || !node24Path()) return undefined
  try {
    const dir = join(ROOT, 'tools', 'node24')
    const locked = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages?.[`node_modules/${name}`]?.version
    const installed = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version
    return locked && installed === locked ? installed : undefined
  } catch {
    return undefined
  }
}

// Already there (.ci/run installs it first, then runs npm ci under it): keep it. Reinstalling would
// delete the very binary this npm may be running under.
const already = target === platform ? installedAsLocked() : undefined
if (already) {
  console.log(`tools/node24: Node ${already} for ${platform} is installed (${node24Path()}).`)
  process.exit(0)
}

const npm = process.env.npm_execpath
// `npm ci --os=... --cpu=...` passes its flags on as npm_config_os / npm_config_cpu, which this
// nested npm reads too, so a scratch `npm ci --os=darwin --cpu=arm64` installs what a Mac would.
const args = ['ci', '--prefix', join(ROOT, 'tools', 'node24'), '--no-audit', '--no-fund', '--loglevel=error']
const result = npm
  ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
  : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: 'inherit', shell: process.platform === 'win32' })

const path = node24Path()
if (result.status !== 0) {
  console.warn(`tools/node24: npm ci failed (${result.error?.message ?? `exit ${result.status}`}); the e2e suite will run under this Node only.`)
} else if (target !== platform) {
  console.log(`tools/node24: installed for ${target} (not this machine, ${platform}); the e2e suite here runs under this Node only.`)
} else if (path) {
  let version = '?'
  try {
    version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    // keep '?': the binary is there, its version is only informative
  }
  console.log(`tools/node24: Node ${version} for ${platform} (${path}); the e2e suite runs dist/index.js under it.`)
} else if (!node24Package()) {
  console.log(
    `tools/node24: npm has no Node 24 binary package for ${platform} (node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}); ` +
      `the e2e suite runs under this Node only (${process.version}). Install Node 24 and run the suite with it to cover the runtime action.yml declares.`,
  )
} else {
  console.warn(`tools/node24: the Node 24 package for ${platform} did not install; the e2e suite will run under this Node only.`)
}
