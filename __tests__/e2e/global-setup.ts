// Says once, at the start of a test run, which Node runs the tests and which one the end-to-end suite
// runs dist/index.js under: the Node 24 binary of tools/node24 where this platform has one.
import { execFileSync } from 'node:child_process'
import { node24Package, node24Path } from '../../tools/run-action.js'

export default function setup(): void {
  const node24 = node24Path()
  let e2e: string
  if (node24) e2e = `Node ${execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim()} (tools/node24/node_modules/${node24Package()})`
  else if (process.versions.node.startsWith('24.')) e2e = `this Node ${process.version}`
  else if (!node24Package()) e2e = `this Node ${process.version}: npm has no Node 24 binary package for ${process.platform}-${process.arch}`
  else if (process.env.E2E_NODE24 === 'skip') e2e = `this Node ${process.version} (E2E_NODE24=skip)`
  else e2e = 'nothing: the Node 24 binary is missing, run npm ci (the e2e files will fail)'
  console.log(`tests run under Node ${process.version}; the end-to-end suite runs dist/index.js under ${e2e}`)
}
