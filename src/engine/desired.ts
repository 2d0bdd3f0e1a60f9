// Raw action inputs → validated, typed Desired: the run's own inputs (mode, region, timeouts, report
// switches), then each resource's parse in registry order. Every problem at once, listed in the order of
// action.yml's inputs; nothing is read from AWS before they are all fixed. Pure.
import { parseBoolean } from '../inputs/boolean.js'
import { parseRegion } from '../inputs/region.js'
import type { InputGetter, ReadFile } from '../inputs/types.js'
import { loadYaml } from '../inputs/yaml.js'
import { InputError } from '../model/errors.js'
import type { Desired, Mode } from '../model/types.js'
import { RESOURCES } from '../resources/index.js'
import { quote } from '../util/text.js'

const MODES: readonly Mode[] = ['apply', 'plan', 'destroy', 'plan-destroy']
const VERIFY_TIMEOUT_MAX = 900
const DEFAULT_VERIFY_TIMEOUT = 120
const AWS_TIMEOUT_MAX = 300
const DEFAULT_AWS_TIMEOUT = 30

/** The inputs the run itself reads (every other input belongs to exactly one resource). */
export const RUN_INPUTS = ['region', 'mode', 'mask-outputs', 'fail-on-changes', 'comment', 'github-token', 'verify', 'verify-timeout', 'aws-timeout'] as const

/**
 * The order problems are listed in: action.yml's order of inputs (a metadata test checks it). An input
 * not listed here (a new resource's) comes after these, in the order its problems were found.
 */
export const INPUT_ORDER: readonly string[] = [
  'pool-name',
  'domain',
  'callback-urls',
  'certificate-arn',
  'logout-urls',
  'client-name',
  'region',
  'user-pool-id',
  'oauth-scopes',
  'oauth-flows',
  'identity-providers',
  'deletion-protection',
  'mask-outputs',
  'mode',
  'fail-on-changes',
  'comment',
  'github-token',
  'verify',
  'verify-timeout',
  'aws-timeout',
  'sign-in-identifiers',
  'required-attributes',
  'password-policy',
  'account-recovery',
  'self-sign-up',
  'email-sender',
  'feature-plan',
  'token-validity',
  'mfa',
  'mfa-methods',
  'sms-role-arn',
  'sms-external-id',
  'managed-login',
  'invite-users',
  'openmetadata-url',
  'federated-providers',
  'resource-servers',
  'client-type',
  'allow-client-replacement',
]

function parseMode(raw: string, problems: string[]): Mode | undefined {
  if (raw === '') return 'apply'
  if ((MODES as readonly string[]).includes(raw)) return raw as Mode
  problems.push(`mode: ${quote(raw)} is not one of ${MODES.join(', ')}`)
  return undefined
}

function parseSeconds(name: string, raw: string, min: number, max: number, dflt: number, problems: string[]): number {
  const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (Number.isNaN(seconds) || seconds < min || seconds > max) {
    problems.push(`${name}: ${quote(raw)} is not a whole number of seconds from ${min} to ${max}; e.g. ${name}: ${dflt}`)
    return dflt
  }
  return seconds
}

/** The run's own inputs. */
function parseRunInputs(
  input: (name: string) => string,
  env: Record<string, string | undefined>,
  sdkRegion: string | undefined,
  problems: string[],
): Partial<Desired> {
  const region = parseRegion(input('region'), env, problems, sdkRegion)
  const maskOutputs = parseBoolean('mask-outputs', input('mask-outputs'), true, problems)
  const mode = parseMode(input('mode'), problems)
  const failOnChanges = parseBoolean('fail-on-changes', input('fail-on-changes'), false, problems)
  if ((mode === 'apply' || mode === 'destroy') && failOnChanges) problems.push('fail-on-changes: only applies with mode: plan')
  const comment = parseBoolean('comment', input('comment'), true, problems)
  const verify = parseBoolean('verify', input('verify'), false, problems)
  const verifyTimeoutSeconds =
    input('verify-timeout') === ''
      ? DEFAULT_VERIFY_TIMEOUT
      : parseSeconds('verify-timeout', input('verify-timeout'), 0, VERIFY_TIMEOUT_MAX, DEFAULT_VERIFY_TIMEOUT, problems)
  const awsTimeoutSeconds =
    input('aws-timeout') === '' ? undefined : parseSeconds('aws-timeout', input('aws-timeout'), 1, AWS_TIMEOUT_MAX, DEFAULT_AWS_TIMEOUT, problems)
  return {
    region,
    maskOutputs,
    failOnChanges,
    comment,
    verify,
    verifyTimeoutSeconds,
    ...(mode !== undefined ? { mode } : {}),
    ...(awsTimeoutSeconds !== undefined ? { awsTimeoutSeconds } : {}),
  }
}

/** The input a problem is about: the text before its first ': '. */
const inputOf = (problem: string): string => problem.slice(0, problem.indexOf(':'))

/** Problems in action.yml's order of inputs (stable: one input's problems keep their order). */
function ordered(problems: string[]): string[] {
  const rank = (p: string): number => {
    const i = INPUT_ORDER.indexOf(inputOf(p))
    return i < 0 ? INPUT_ORDER.length : i
  }
  return problems
    .map((p, i) => [p, rank(p), i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map(([p]) => p)
}

/**
 * Validates every input and returns the desired state; throws InputError listing every problem found.
 * `sdk.region` is what the AWS SDK's own region chain gives (the AWS_PROFILE's config file included),
 * used when neither the input nor AWS_REGION / AWS_DEFAULT_REGION names a region.
 */
/** Loads what parsing these inputs needs beyond start-up: the YAML parser, when a YAML input is set. */
export async function loadParsers(getInput: InputGetter): Promise<void> {
  if (RESOURCES.some((r) => r.yamlInputs?.some((name) => getInput(name).trim() !== '') || r.needsYaml?.(getInput))) await loadYaml()
}

export function parseInputs(
  getInput: InputGetter,
  env: Record<string, string | undefined>,
  sdk: { region?: string } = {},
  readFile: ReadFile = () => {
    throw new Error('no repository files')
  },
): Desired {
  const input = (name: string): string => getInput(name).trim()
  const problems: string[] = []
  const desired: Partial<Desired> = parseRunInputs(input, env, sdk.region, problems)
  for (const resource of RESOURCES) {
    const { settings, ...fields } = resource.parse(input, { problems, desired, raw: getInput, readFile, env })
    Object.assign(desired, fields)
    // The pool's and the client's catalogue values share one record.
    if (settings) desired.settings = { ...desired.settings, ...settings }
  }
  if (problems.length > 0 || desired.mode === undefined) throw new InputError(ordered(problems))
  return desired as Desired
}
