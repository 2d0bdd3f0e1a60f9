// Says once, at the start of a test run, which Node versions the end-to-end suite runs dist/index.js
// under: this Node, and the Node 24 binary of tools/node24 where this platform has one.
import { execFileSync } from 'node:child_process'
import { node24Package, node24Path } from '../../tools/run-action.js'

export default function setup(): void {
  const node24 = node24Path()
  const legs = [`this Node ${process.version}`]
  if (node24) legs.push(`Node ${execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim()} (tools/node24/node_modules/${node24Package()})`)
  else if (!node24Package()) legs.push(`no Node 24 leg: npm has no Node 24 binary package for ${process.platform}-${process.arch}`)
  else if (process.env.E2E_NODE24 === 'skip') legs.push('no Node 24 leg: E2E_NODE24=skip')
  else legs.push(`Node 24 binary missing: run npm ci (the e2e files will fail)`)
  console.log(`end-to-end suite runs dist/index.js under: ${legs.join('; ')}`)
}
