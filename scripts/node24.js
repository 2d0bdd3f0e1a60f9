#!/usr/bin/env node
// @ts-check
// Runs a command under Node 24, the runtime action.yml declares (`runs.using: node24`), whatever Node
// started it: `npm test` on a machine whose Node is 20 runs vitest (and every `node` it spawns) under the
// Node 24 binary that `npm ci` installed into tools/node24, by putting that binary's folder first on PATH.
//   node scripts/node24.js <command> [args...]      e.g. node scripts/node24.js vitest run
// Under Node 24 or later already, or where npm has no Node 24 package for this platform (macOS arm64),
// the command runs as it is. Never a warning: a line on stderr says which Node runs it when it switches.
import { spawnSync } from 'node:child_process'
import { delimiter, dirname } from 'node:path'
import { node24Package, node24Path } from '../tools/node24-binary.js'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: node scripts/node24.js <command> [args...]')
  process.exit(2)
}

const major = Number(process.versions.node.split('.')[0])
const env = { ...process.env }
if (major < 24) {
  const node24 = node24Path()
  if (node24) {
    const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH'
    env[pathKey] = `${dirname(node24)}${delimiter}${env[pathKey] ?? ''}`
    console.error(`node24: running '${command}' under tools/node24 (this shell's Node is ${process.version})`)
  } else if (node24Package()) {
    console.error(`node24: tools/node24 has no binary yet; run 'npm ci' (its postinstall installs ${node24Package()}). Running under ${process.version}.`)
  } else {
    console.error(
      `node24: npm has no Node 24 binary for ${process.platform}-${process.arch}; running under ${process.version} (install Node 24 to match the action's runtime).`,
    )
  }
}

const result = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' })
if (result.error) {
  console.error(`node24: could not run '${command}': ${result.error.message}`)
  process.exit(1)
}
process.exit(result.status ?? 1)
