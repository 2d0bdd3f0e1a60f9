// @ts-check
// `npm run depcheck`: the layer rules of src/ (.dependency-cruiser.cjs) checked by dependency-cruiser.
// dependency-cruiser 18 needs Node 22 or later: it runs on the Node 24 binary that `npm ci` installs into
// tools/node24 when this Node is older. Extra arguments go to depcruise (e.g. --output-type text).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, node24Path } from '../tools/run-action.js'

const major = Number(process.versions.node.split('.')[0])
const node = major >= 22 ? process.execPath : node24Path()
if (!node) {
  console.error(`depcheck: dependency-cruiser needs Node 22 or later, this is ${process.version}, and tools/node24 has no binary for this platform`)
  process.exit(2)
}
const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs')
const extra = process.argv.slice(2)
const args = [bin, 'src', '--config', '.dependency-cruiser.cjs', ...(extra.length ? extra : ['--output-type', 'err-long'])]
const result = spawnSync(node, args, { cwd: ROOT, stdio: 'inherit' })
process.exit(result.status ?? 1)
