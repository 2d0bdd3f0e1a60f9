#!/usr/bin/env node
// @ts-check
/** Usage: node tools/local-cognito/cli.js [--port N] [--region R] [--account-id ID] [--domain-activation-ms MS] */
import { parseArgs } from 'node:util'
import { startLocalCognito } from './server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    region: { type: 'string', default: 'us-east-1' },
    'account-id': { type: 'string', default: '123456789012' },
    'domain-activation-ms': { type: 'string', default: '0' },
  },
})

const lc = await startLocalCognito({
  port: Number(values.port),
  region: values.region,
  accountId: values['account-id'],
  domainActivationMs: Number(values['domain-activation-ms']),
})
console.log(`local-cognito listening on ${lc.url}`)

const stop = () => {
  lc.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
