// @ts-check
/**
 * Model-driven validation of requests (input shapes) and responses (output shapes) against
 * AWS's botocore model of Amazon Cognito user pools (model/service-2.json).
 *
 * Input validation follows the wording AWS (Coral) uses:
 *   "1 validation error detected: Value 'x' at 'clientName' failed to satisfy constraint: Member must ..."
 *
 * Patterns: the model's patterns are Java regular expressions that AWS *searches*; we compile them with
 * the `u` flag and anchor them as ^(?:pattern)$. A leading Java inline flag `(?s)` is translated into the
 * JS `s` flag. Any pattern that still does not compile is skipped (listed in `skippedPatterns()`).
 * With the current model the only pattern that needs translation is SmsInviteMessageType "(?s).*";
 * no pattern is skipped (asserted in __tests__/local-cognito/validate.test.ts).
 */
import { readFileSync } from 'node:fs'

/** @typedef {{ type: string, members?: Record<string, {shape: string}>, required?: string[], member?: {shape: string}, key?: {shape: string}, value?: {shape: string}, min?: number, max?: number, pattern?: string, enum?: string[], sensitive?: boolean, document?: boolean, exception?: boolean }} Shape */
/** @typedef {{ metadata: Record<string, any>, operations: Record<string, { name: string, input?: {shape: string}, output?: {shape: string}, errors?: {shape: string}[] }>, shapes: Record<string, Shape> }} Model */

/** @type {Model} */
export const model = JSON.parse(readFileSync(new URL('./model/service-2.json', import.meta.url), 'utf8'))

// Members newer than the botocore snapshot, as the bundled AWS SDK's schemas define them
// (@aws-sdk/client-cognito-identity-provider dist-es/schemas): accepted and described back, so that a
// read-merge-write update that carries them works here as at AWS. Minimal: shape only, no semantics.
model.shapes.AcrLevelConfigType ??= { type: 'structure', required: ['AcrValue'], members: { AcrValue: { shape: 'StringType' } } }
model.shapes.AcrConfigurationType ??= { type: 'map', key: { shape: 'StringType' }, value: { shape: 'AcrLevelConfigType' } }
model.shapes.DcrConfigurationType ??= {
  type: 'structure',
  members: { EnableStatus: { shape: 'StatusType' }, OpenDcrEnabled: { shape: 'BooleanType' }, AuthenticatedGrantTypes: { shape: 'OAuthFlowsType' } },
}
for (const shape of ['CreateUserPoolRequest', 'UpdateUserPoolRequest', 'UserPoolType']) {
  const members = model.shapes[shape]?.members
  if (members && !members.AcrConfiguration) members.AcrConfiguration = { shape: 'AcrConfigurationType' }
  if (members && !members.DcrConfiguration) members.DcrConfiguration = { shape: 'DcrConfigurationType' }
}

/** @type {Map<string, RegExp | null>} */
const patternCache = new Map()
/**
 * DomainType's pattern in the model names a prefix only, yet AWS takes a custom domain's fully-qualified
 * name in the same member (CreateUserPoolDomain, DescribeUserPoolDomain...): accepted here too.
 */
const CUSTOM_DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
/** @type {{ shape: string, pattern: string, reason: string }[]} */
const skipped = []

/**
 * @param {string} shapeName
 * @param {string} pattern
 * @returns {RegExp | null}
 */
function compilePattern(shapeName, pattern) {
  if (patternCache.has(shapeName)) return patternCache.get(shapeName) ?? null
  let source = pattern
  let flags = 'u'
  if (source.startsWith('(?s)')) {
    source = source.slice(4)
    flags += 's'
  }
  // Java's \s is ASCII whitespace, [ \t\n\x0B\f\r] (JS's also matches U+00A0, U+2028, U+FEFF...), as its \w is [a-zA-Z_0-9].
  // source: https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html (Predefined character classes)
  source = source.replace(/(?<!\\)((?:\\\\)*)\\s/g, '$1 \\t\\n\\x0B\\f\\r')
  /** @type {RegExp | null} */
  let re = null
  try {
    re = new RegExp(`^(?:${source})$`, flags)
  } catch (e) {
    skipped.push({ shape: shapeName, pattern, reason: /** @type {Error} */ (e).message })
  }
  patternCache.set(shapeName, re)
  return re
}

/** Compiles every pattern of the model and returns those that had to be skipped. */
export function skippedPatterns() {
  for (const [name, s] of Object.entries(model.shapes)) if (s.pattern) compilePattern(name, s.pattern)
  return [...skipped]
}

/** @param {string} name */
const lowerFirst = (name) => name.charAt(0).toLowerCase() + name.slice(1)

/** @param {unknown} v */
function isPlainObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * @param {unknown} value
 * @param {Shape} shape
 */
function showValue(value, shape) {
  if (value === null || value === undefined) return 'Value null'
  if (shape.sensitive) return 'Value'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `Value '${value}'`
  if (Array.isArray(value) && value.every((x) => typeof x !== 'object' || x === null)) return `Value '[${value.join(', ')}]'`
  return 'Value'
}

/**
 * Constraint failures of a scalar value (no recursion). Returns constraint texts.
 * @param {string} shapeName
 * @param {unknown} value
 * @returns {string[]}
 */
function scalarProblems(shapeName, value) {
  const shape = model.shapes[shapeName]
  if (!shape) return [`Member has an unknown shape ${shapeName}`]
  /** @type {string[]} */
  const out = []
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return ['Member must be of type string']
      const len = [...value].length
      if (shape.enum && !shape.enum.includes(value)) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`)
      if (shape.max !== undefined && len > shape.max) out.push(`Member must have length less than or equal to ${shape.max}`)
      if (shape.min !== undefined && len < shape.min) out.push(`Member must have length greater than or equal to ${shape.min}`)
      if (shape.pattern) {
        const re = compilePattern(shapeName, shape.pattern)
        if (re && !re.test(value) && !(shapeName === 'DomainType' && CUSTOM_DOMAIN_NAME.test(value)))
          out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`)
      }
      return out
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return [`Member must be of type ${shape.type}`]
      if (shape.max !== undefined && value > shape.max) out.push(`Member must have value less than or equal to ${shape.max}`)
      if (shape.min !== undefined && value < shape.min) out.push(`Member must have value greater than or equal to ${shape.min}`)
      return out
    }
    case 'double':
    case 'float':
      return typeof value === 'number' ? out : [`Member must be of type ${shape.type}`]
    case 'boolean':
      return typeof value === 'boolean' ? out : ['Member must be of type boolean']
    case 'timestamp':
      return typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value))) ? out : ['Member must be of type timestamp']
    case 'blob':
      return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? out : ['Member must be a base64-encoded blob']
    default:
      return out
  }
}

/**
 * Validates `value` against shape `shapeName`; pushes AWS-style messages into `errors`.
 * @param {string} shapeName
 * @param {unknown} value
 * @param {string} path  member path, e.g. 'policies.passwordPolicy.minimumLength' ('' at the top)
 * @param {string[]} errors
 */
function check(shapeName, value, path, errors) {
  const shape = model.shapes[shapeName]
  if (!shape) return
  /** @param {string} constraint */
  const fail = (constraint) => errors.push(`${showValue(value, shape)} at '${path}' failed to satisfy constraint: ${constraint}`)
  if (shape.document) return
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) {
        fail('Member must be a structure')
        return
      }
      const obj = /** @type {Record<string, unknown>} */ (value)
      const members = shape.members ?? {}
      for (const req of shape.required ?? []) {
        if (obj[req] === undefined || obj[req] === null) {
          errors.push(`Value null at '${join(path, req)}' failed to satisfy constraint: Member must not be null`)
        }
      }
      for (const [k, v] of Object.entries(obj)) {
        const m = members[k]
        if (!m) {
          errors.push(`Value at '${join(path, k)}' failed to satisfy constraint: Member is not defined by the model for ${shapeName}`)
          continue
        }
        if (v === null || v === undefined) continue
        check(m.shape, v, join(path, k), errors)
      }
      return
    }
    case 'list': {
      if (!Array.isArray(value)) {
        fail('Member must be of type list')
        return
      }
      if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`)
      if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`)
      const memberShape = shape.member?.shape ?? ''
      const ms = model.shapes[memberShape]
      if (ms && ms.type !== 'structure' && ms.type !== 'list' && ms.type !== 'map') {
        // AWS reports scalar list members at the list: "Member must satisfy constraint: [Member must ...]"
        const inner = new Set()
        for (const item of value) for (const p of scalarProblems(memberShape, item)) inner.add(p)
        if (inner.size) fail(`Member must satisfy constraint: [${[...inner].join(', ')}]`)
      } else {
        value.forEach((item, i) => check(memberShape, item, `${path}.${i + 1}.member`, errors))
      }
      return
    }
    case 'map': {
      if (!isPlainObject(value)) {
        fail('Member must be of type map')
        return
      }
      const entries = Object.entries(/** @type {Record<string, unknown>} */ (value))
      if (shape.max !== undefined && entries.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`)
      if (shape.min !== undefined && entries.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`)
      const keyShape = shape.key?.shape ?? ''
      const valueShape = shape.value?.shape ?? ''
      for (const [k, v] of entries) {
        const kp = scalarProblems(keyShape, k)
        if (kp.length) fail(`Map keys must satisfy constraint: [${kp.join(', ')}]`)
        const vs = model.shapes[valueShape]
        if (vs && (vs.type === 'structure' || vs.type === 'list' || vs.type === 'map')) check(valueShape, v, `${path}.${k}`, errors)
        else {
          const vp = scalarProblems(valueShape, v)
          if (vp.length) fail(`Map value must satisfy constraint: [${vp.join(', ')}]`)
        }
      }
      return
    }
    default:
      for (const p of scalarProblems(shapeName, value)) fail(p)
  }
}

/**
 * @param {string} path
 * @param {string} member
 */
function join(path, member) {
  return path ? `${path}.${lowerFirst(member)}` : lowerFirst(member)
}

/**
 * Validates a request body against an operation's input shape.
 * @param {string} operation
 * @param {unknown} input
 * @returns {string | null} the AWS-style message, or null when valid
 */
export function validateInput(operation, input) {
  const op = model.operations[operation]
  if (!op) return `Unknown operation ${operation}`
  /** @type {string[]} */
  const errors = []
  if (op.input) check(op.input.shape, input ?? {}, '', errors)
  if (!errors.length) return null
  return `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`
}

/**
 * Checks a response against the operation's output shape. Members the model does not define are removed
 * (they must not be sent); every problem is reported in `violations`.
 * @param {string} operation
 * @param {unknown} output
 * @returns {{ value: any, violations: string[] }}
 */
export function checkOutput(operation, output) {
  const op = model.operations[operation]
  /** @type {string[]} */
  const violations = []
  if (!op?.output) {
    if (output && isPlainObject(output) && Object.keys(output).length)
      violations.push(`${operation}: the model defines no output, but the response has members`)
    return { value: {}, violations }
  }
  const value = stripOutput(op.output.shape, output, operation, violations)
  return { value, violations }
}

/**
 * @param {string} shapeName
 * @param {unknown} value
 * @param {string} path
 * @param {string[]} violations
 * @returns {any}
 */
function stripOutput(shapeName, value, path, violations) {
  const shape = model.shapes[shapeName]
  if (!shape || value === undefined || value === null) return value
  if (shape.document) return value
  if (shape.type === 'structure') {
    if (!isPlainObject(value)) {
      violations.push(`${path}: expected a structure (${shapeName})`)
      return undefined
    }
    /** @type {Record<string, unknown>} */
    const out = {}
    for (const [k, v] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
      const m = shape.members?.[k]
      if (!m) {
        violations.push(`${path}.${k}: member not defined by the model in ${shapeName} (stripped)`)
        continue
      }
      if (v === undefined || v === null) continue
      out[k] = stripOutput(m.shape, v, `${path}.${k}`, violations)
    }
    return out
  }
  if (shape.type === 'list') {
    if (!Array.isArray(value)) {
      violations.push(`${path}: expected a list (${shapeName})`)
      return undefined
    }
    return value.map((item, i) => stripOutput(shape.member?.shape ?? '', item, `${path}[${i}]`, violations))
  }
  if (shape.type === 'map') {
    if (!isPlainObject(value)) {
      violations.push(`${path}: expected a map (${shapeName})`)
      return undefined
    }
    /** @type {Record<string, unknown>} */
    const out = {}
    for (const [k, v] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
      out[k] = stripOutput(shape.value?.shape ?? '', v, `${path}.${k}`, violations)
    }
    return out
  }
  // scalars: type and enum (AWS's output constraints on length/pattern are not enforced by the SDK)
  const problems = scalarProblems(shapeName, value).filter((p) => p.startsWith('Member must be') || p.startsWith('Member must satisfy enum'))
  for (const p of problems) violations.push(`${path}: ${p} (${shapeName})`)
  return value
}

/**
 * Error codes the model lists for an operation.
 * @param {string} operation
 */
export function modelErrors(operation) {
  return (model.operations[operation]?.errors ?? []).map((e) => e.shape)
}
