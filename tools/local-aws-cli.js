#!/usr/bin/env node
// @ts-check
/**
 * A stand-in for the `aws` command, for replaying workflow steps against the local Cognito
 * (__tests__/e2e/integration-workflow.test.ts puts it on PATH as `aws`). It takes the AWS CLI's own
 * syntax, as the steps of .github/workflows/integration.yml write it:
 *
 *   aws cognito-idp <operation> --<member> <value> ... [--query A.B] [--output text|json]
 *     The operation and its members are looked up in AWS's model (local-cognito/model/service-2.json),
 *     the way the CLI derives its options from the same model (CreateUserPool → create-user-pool,
 *     UserPoolTags → --user-pool-tags); values are converted by the member's type (strings, numbers,
 *     --flag / --no-flag booleans, lists as several words, maps as k=v,k2=v2 or JSON, structures as
 *     JSON), and the call goes over HTTP through the AWS SDK to AWS_ENDPOINT_URL (the local Cognito).
 *     Errors are printed as the CLI prints them, exit code 254.
 *   aws route53 change-resource-record-sets --hosted-zone-id Z --change-batch JSON
 *   aws route53 wait resource-record-sets-changed --id ID
 *     No Route 53 here: each change is checked (valid JSON, UPSERT / CREATE / DELETE, a DELETE only of a
 *     record that exists, as Route 53 refuses otherwise) and appended to the JSON-lines file
 *     LOCAL_AWS_CLI_LOG, which the test reads; the answer is Route 53's ChangeInfo.
 *
 * Anything else exits 252 naming what is not implemented: a step the stand-in cannot run fails loudly.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MODEL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'local-cognito', 'model', 'service-2.json')

/** `UserPoolId` → `user-pool-id` (the CLI's option name for a model member). @param {string} name */
export function cliName(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
}

class CliError extends Error {
  /** @param {string} message @param {number} code */
  constructor(message, code) {
    super(message)
    this.code = code
  }
}

/** @param {string} text @param {string} option */
function json(text, option) {
  try {
    return JSON.parse(text)
  } catch {
    throw new CliError(`Error parsing parameter '${option}': Invalid JSON: ${text}`, 252)
  }
}

/**
 * The request of a cognito-idp operation from CLI arguments, by the model.
 * @param {any} model @param {string} operation @param {string[]} args
 */
export function cognitoRequest(model, operation, args) {
  const op = model.operations[operation]
  if (!op) throw new CliError(`aws: error: argument operation: Invalid choice: ${cliName(operation)}`, 252)
  const shape = model.shapes[op.input.shape]
  /** @type {Map<string, [string, any]>} */
  const members = new Map(Object.entries(shape.members).map(([name, m]) => [cliName(name), [name, model.shapes[/** @type {any} */ (m).shape]]]))
  /** @type {Record<string, unknown>} */
  const request = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (!arg.startsWith('--')) throw new CliError(`aws: error: unrecognized arguments: ${arg}`, 252)
    let option = arg.slice(2)
    let negated = false
    if (!members.has(option) && option.startsWith('no-') && members.get(option.slice(3))?.[1].type === 'boolean') {
      option = option.slice(3)
      negated = true
    }
    const member = members.get(option)
    if (!member) throw new CliError(`aws: error: unrecognized arguments: ${arg}`, 252)
    const [name, type] = member
    const next = () => {
      const v = args[++i]
      if (v === undefined) throw new CliError(`aws: error: argument ${arg}: expected one argument`, 252)
      return v
    }
    switch (type.type) {
      case 'string':
        request[name] = next()
        break
      case 'integer':
      case 'long': {
        const v = next()
        if (!/^-?\d+$/.test(v)) throw new CliError(`Invalid value for parameter ${arg}: ${v} is not an integer`, 252)
        request[name] = Number(v)
        break
      }
      case 'boolean':
        request[name] = !negated
        break
      case 'list': {
        const values = []
        while (args[i + 1] !== undefined && !(args[i + 1] ?? '').startsWith('--')) values.push(args[++i])
        if (values.length === 1 && /^\s*\[/.test(values[0] ?? '')) request[name] = json(values[0] ?? '', arg)
        else if (model.shapes[type.member.shape].type === 'string') request[name] = values
        else throw new CliError(`the local aws stand-in takes ${arg} only as a JSON list`, 252)
        break
      }
      case 'map': {
        const v = next()
        if (/^\s*\{/.test(v)) request[name] = json(v, arg)
        else request[name] = Object.fromEntries(v.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
        break
      }
      case 'structure': {
        const v = next()
        if (!/^\s*\{/.test(v)) throw new CliError(`the local aws stand-in takes ${arg} only as JSON (no shorthand syntax)`, 252)
        request[name] = json(v, arg)
        break
      }
      default:
        throw new CliError(`the local aws stand-in cannot take ${arg} (a ${type.type})`, 252)
    }
  }
  return request
}

/**
 * --query: the paths the steps use (A.B.C, A[0].B), not the whole of JMESPath.
 * @param {unknown} value @param {string} query
 */
export function applyQuery(value, query) {
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*|\[\d+\])*$/.test(query))
    throw new CliError(`the local aws stand-in supports --query paths like UserPool.Id only, not ${query}`, 252)
  /** @type {any} */
  let v = value
  for (const part of query.match(/[A-Za-z_]\w*|\[\d+\]/g) ?? []) {
    if (v === null || v === undefined) return null
    v = part.startsWith('[') ? v[Number(part.slice(1, -1))] : v[part]
  }
  return v ?? null
}

/** @param {unknown} value @param {string} output */
export function render(value, output) {
  if (output === 'json') return JSON.stringify(value, null, 4)
  if (output !== 'text') throw new CliError(`aws: error: argument --output: Invalid choice: ${output}`, 252)
  if (value === null || value === undefined) return 'None'
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.map((v) => String(v ?? 'None')).join('\t')
  if (typeof value !== 'object') return String(value)
  throw new CliError('the local aws stand-in prints only scalars and lists of scalars as text; add a --query', 252)
}

/**
 * Route 53 stand-in: checks and records a change batch; a DELETE needs the record to exist.
 * @param {string} zone @param {string} batchText @param {string} log
 */
function route53Change(zone, batchText, log) {
  const batch = json(batchText, '--change-batch')
  const changes = Array.isArray(batch?.Changes) ? batch.Changes : undefined
  if (!changes?.length) throw new CliError('An error occurred (InvalidInput) when calling the ChangeResourceRecordSets operation: no Changes', 254)
  const entries = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : []
  const live = new Map()
  for (const e of entries.filter((x) => x.service === 'route53' && x.operation === 'ChangeResourceRecordSets')) {
    for (const c of e.input.ChangeBatch.Changes) {
      const key = `${e.input.HostedZoneId} ${c.ResourceRecordSet.Name} ${c.ResourceRecordSet.Type}`
      if (c.Action === 'DELETE') live.delete(key)
      else live.set(key, c.ResourceRecordSet)
    }
  }
  for (const c of changes) {
    if (!['CREATE', 'UPSERT', 'DELETE'].includes(c?.Action))
      throw new CliError(`An error occurred (InvalidInput) when calling the ChangeResourceRecordSets operation: Action ${c?.Action}`, 254)
    const key = `${zone} ${c.ResourceRecordSet?.Name} ${c.ResourceRecordSet?.Type}`
    if (c.Action === 'DELETE' && JSON.stringify(live.get(key)) !== JSON.stringify(c.ResourceRecordSet)) {
      throw new CliError(
        `An error occurred (InvalidChangeBatch) when calling the ChangeResourceRecordSets operation: Tried to delete resource record set [name='${c.ResourceRecordSet?.Name}', type='${c.ResourceRecordSet?.Type}'] but it was not found`,
        254,
      )
    }
  }
  const id = `/change/C${String(entries.length + 1).padStart(8, '0')}LOCAL`
  appendFileSync(log, JSON.stringify({ service: 'route53', operation: 'ChangeResourceRecordSets', input: { HostedZoneId: zone, ChangeBatch: batch } }) + '\n')
  return { ChangeInfo: { Id: id, Status: 'PENDING', SubmittedAt: new Date(0).toISOString() } }
}

/** @param {string[]} argv @returns {Promise<string | undefined>} what to print */
export async function main(argv) {
  /** @type {string[]} */
  const rest = []
  let query
  let output = 'json'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '--query') query = argv[++i]
    else if (a === '--output') output = argv[++i] ?? ''
    else if (a === '--no-cli-pager') continue
    else if (a === '--region') process.env.AWS_REGION = argv[++i]
    else rest.push(a)
  }
  const [service, operation, ...args] = rest
  /** @type {unknown} */
  let answer
  if (service === 'cognito-idp' && operation) {
    const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8'))
    const name = Object.keys(model.operations).find((o) => cliName(o) === operation) ?? operation
    const request = cognitoRequest(model, name, args)
    const sdk = /** @type {Record<string, any>} */ (await import('@aws-sdk/client-cognito-identity-provider'))
    const client = new sdk.CognitoIdentityProviderClient({ maxAttempts: 1 })
    try {
      const out = await client.send(new sdk[`${name}Command`](request))
      delete out.$metadata
      answer = out
    } catch (error) {
      const e = /** @type {{ name?: string, message?: string }} */ (error)
      throw new CliError(`\nAn error occurred (${e.name}) when calling the ${name} operation: ${e.message}`, 254)
    }
  } else if (service === 'route53' && operation === 'change-resource-record-sets') {
    const log = process.env.LOCAL_AWS_CLI_LOG
    if (!log) throw new CliError('the local aws stand-in needs LOCAL_AWS_CLI_LOG for route53', 252)
    const zone = args[args.indexOf('--hosted-zone-id') + 1]
    const batch = args[args.indexOf('--change-batch') + 1]
    if (!args.includes('--hosted-zone-id') || !zone || !args.includes('--change-batch') || !batch) {
      throw new CliError('aws: error: the following arguments are required: --hosted-zone-id, --change-batch', 252)
    }
    answer = route53Change(zone, batch, log)
  } else if (service === 'route53' && operation === 'wait' && args[0] === 'resource-record-sets-changed') {
    const id = args[args.indexOf('--id') + 1]
    if (!args.includes('--id') || !id) throw new CliError('aws: error: the following arguments are required: --id', 252)
    return undefined
  } else {
    throw new CliError(`the local aws stand-in does not implement 'aws ${[service, operation].filter(Boolean).join(' ')}'`, 252)
  }
  // Like the CLI: an empty answer (DeleteUserPool's) prints nothing.
  if (!query && answer && typeof answer === 'object' && Object.keys(answer).length === 0) return undefined
  return render(query ? applyQuery(answer, query) : answer, output)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const text = await main(process.argv.slice(2))
    if (text !== undefined) console.log(text)
  } catch (error) {
    console.error(error instanceof CliError ? error.message : String(error))
    process.exitCode = error instanceof CliError ? /** @type {number} */ (error.code) : 255
  }
}
