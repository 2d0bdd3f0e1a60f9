// @ts-check
// `npm start`: the action's main job against a local Cognito, no AWS account needed.
// Starts the local Cognito on a free loopback port, runs the built action (dist/index.js) twice with
// example inputs exactly as the GitHub runner would, and prints what each run planned, did and output.
import { startLocalCognito } from '../tools/local-cognito/server.js'
import { jobOutputs, runAction } from '../tools/run-action.js'
import { localCognitoEnv } from '../tools/local-env.js'

const inputs = {
  'pool-name': 'openmetadata',
  domain: 'acme-openmetadata',
  'callback-urls': 'https://openmetadata.example.com/callback',
  'logout-urls': 'https://openmetadata.example.com/logout',
  verify: 'true',
}

const lc = await startLocalCognito({ region: 'us-east-1' })
const env = localCognitoEnv(lc, { NODE_NO_WARNINGS: '1' })

/** @param {string} title */
const rule = (title) => console.log(`\n${'─'.repeat(8)} ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)
let failed = false
try {
  console.log(`Local Cognito listening on ${lc.url} (AWS JSON 1.1, validated against AWS's model)`)
  console.log(`Action inputs: ${JSON.stringify(inputs)}`)
  for (const run of ['first run: creates', 'second run: changes nothing']) {
    lc.clearCalls()
    const result = await runAction({ inputs, env })
    rule(`${run} (exit code ${result.exitCode})`)
    console.log(result.logLines.map((l) => `  ${l}`).join('\n'))
    for (const e of result.errors) console.log(`  ::error:: ${e}`)
    for (const w of result.warnings) console.log(`  ::warning:: ${w}`)
    const writes = lc.writeCalls().map((c) => c.operation)
    const reads = lc.calls.length - writes.length
    console.log(`\n  AWS calls: ${reads} reads, ${writes.length} writes${writes.length ? ` (${writes.join(', ')})` : ''}`)
    console.log('  Step outputs (the runner masks the IDs in logs; shown here for the demo):')
    const kept = jobOutputs(result.outputs, result.masks)
    for (const [name, value] of Object.entries(result.outputs)) {
      if (name === 'plan') continue
      console.log(`    ${name.padEnd(14)} ${value}${name in kept ? '' : '   (masked: not usable as a job output)'}`)
    }
    if (result.exitCode !== 0) failed = true
    if (run.startsWith('second') && writes.length > 0) failed = true
  }
  rule('done')
  console.log('  The second run planned no change and wrote nothing: the action is idempotent.')
} finally {
  await lc.close()
}
process.exitCode = failed ? 1 : 0
