// The OIDC role templates of examples/iam, evaluated for given parameters into plain roles: name, the
// policy document it carries, the operator and values of its trust conditions. CloudFormation by a small
// interpreter of the intrinsic functions the template uses; Terraform by evaluating its `locals` (the role
// table) with the variables' values, the rest of main.tf being checked by its text (no HCL parser is a
// dependency of this project).
import { parse, type CollectionTag, type ScalarTag } from 'yaml'

export interface EvaluatedRole {
  /** the template's name for it: ApplyRole (CloudFormation) or apply (Terraform) */
  key: string
  name: string
  /** the policy document it carries */
  policy: unknown
  /** the trust policy's statements as { effect, action, principal, conditions: operator → key → values } */
  trust: { effect: string; action: string; principal: unknown; conditions: Record<string, Record<string, string[]>> }[]
}

/** CloudFormation's short-form intrinsic functions as { fn: value } objects. */
const FNS = ['Ref', 'Sub', 'If', 'Equals', 'Not', 'GetAtt', 'And', 'Or', 'Join', 'Select', 'Split', 'FindInMap', 'GetAZs', 'ImportValue', 'Base64', 'Condition']
export const CFN_TAGS = FNS.flatMap((fn) => {
  const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`
  const scalar: ScalarTag = { tag: `!${fn}`, resolve: (value: string) => ({ [key]: fn === 'GetAtt' ? value.split('.') : value }) }
  const seq: CollectionTag = {
    tag: `!${fn}`,
    collection: 'seq',
    resolve: (value: unknown) => ({ [key]: (value as { toJSON(): unknown }).toJSON() }),
  } as unknown as CollectionTag
  return [scalar, seq]
})

export interface CfnTemplate {
  Parameters: Record<string, { Default?: string; AllowedPattern?: string; AllowedValues?: string[] }>
  Conditions: Record<string, unknown>
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>
  Outputs: Record<string, unknown>
}

export const parseCfn = (text: string): CfnTemplate => parse(text, { customTags: CFN_TAGS }) as CfnTemplate

const NO_VALUE = Symbol('AWS::NoValue')

/** Evaluates a template value for the parameters: Ref, Fn::Sub, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition. */
function evaluate(node: unknown, t: CfnTemplate, params: Record<string, string>): unknown {
  const ev = (n: unknown): unknown => evaluate(n, t, params)
  const cond = (name: string): boolean => Boolean(ev(t.Conditions[name]))
  if (Array.isArray(node)) return node.map(ev).filter((v) => v !== NO_VALUE)
  if (typeof node !== 'object' || node === null) return node
  const entries = Object.entries(node)
  const [fn, arg] = entries[0] ?? []
  if (entries.length === 1 && fn !== undefined && (fn === 'Ref' || fn === 'Condition' || fn.startsWith('Fn::'))) {
    switch (fn) {
      case 'Ref': {
        const name = String(arg)
        if (name === 'AWS::NoValue') return NO_VALUE
        if (name in params) return params[name]
        if (name in t.Resources) return `<${name}>`
        throw new Error(`Ref to unknown ${name}`)
      }
      case 'Condition':
        return cond(String(arg))
      case 'Fn::Sub': {
        if (typeof arg !== 'string') throw new Error('Fn::Sub with a variable map is not used by the template')
        return arg.replace(/\$\{([\w:]+)\}/g, (_m, name: string) => {
          if (name in params) return params[name] ?? ''
          if (name === 'AWS::AccountId') return '123456789012'
          if (name === 'AWS::Partition') return 'aws'
          throw new Error(`Fn::Sub of unknown ${name}`)
        })
      }
      case 'Fn::If': {
        const [name, yes, no] = arg as [string, unknown, unknown]
        return ev(cond(name) ? yes : no)
      }
      case 'Fn::Equals': {
        const [a, b] = arg as [unknown, unknown]
        return ev(a) === ev(b)
      }
      case 'Fn::Not':
        return !ev((arg as unknown[])[0])
      case 'Fn::And':
        return (arg as unknown[]).every((a) => ev(a))
      case 'Fn::Or':
        return (arg as unknown[]).some((a) => ev(a))
      case 'Fn::GetAtt':
        return `<${(arg as string[]).join('.')}>`
      default:
        throw new Error(`${fn} is not evaluated`)
    }
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) {
    const value = ev(v)
    if (value !== NO_VALUE) out[k] = value
  }
  return out
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)])

/** Every role the CloudFormation template creates for these parameters (defaults for the others). */
export function cfnRoles(t: CfnTemplate, given: Record<string, string>): EvaluatedRole[] {
  const params: Record<string, string> = {}
  for (const [name, p] of Object.entries(t.Parameters)) params[name] = given[name] ?? p.Default ?? ''
  for (const name of Object.keys(given)) if (!(name in t.Parameters)) throw new Error(`the template has no parameter ${name}`)
  const created = (r: { Condition?: string }): boolean => !r.Condition || Boolean(evaluate(t.Conditions[r.Condition], t, params))
  return Object.entries(t.Resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Role' && created(r))
    .map(([key, r]) => {
      const props = evaluate(r.Properties, t, params) as {
        RoleName: string
        ManagedPolicyArns?: string[]
        Policies?: { PolicyDocument: unknown }[]
        AssumeRolePolicyDocument: { Statement: { Effect: string; Action: string; Principal: unknown; Condition?: Record<string, Record<string, unknown>> }[] }
      }
      const managed = (props.ManagedPolicyArns ?? []).map((ref) => {
        const name = /^<(\w+)>$/.exec(ref)?.[1] ?? ''
        const resource = t.Resources[name]
        if (resource?.Type !== 'AWS::IAM::ManagedPolicy') throw new Error(`${key}: ManagedPolicyArns names ${ref}, not a policy of the template`)
        return resource.Properties.PolicyDocument
      })
      const policies = [...managed, ...(props.Policies ?? []).map((p) => p.PolicyDocument)]
      return {
        key,
        name: props.RoleName,
        policy: policies.length === 1 ? policies[0] : policies,
        trust: props.AssumeRolePolicyDocument.Statement.map((s) => ({
          effect: s.Effect,
          action: s.Action,
          principal: s.Principal,
          conditions: Object.fromEntries(
            Object.entries(s.Condition ?? {}).map(([op, kv]) => [op, Object.fromEntries(Object.entries(kv).map(([k, v]) => [k, list(v)]))]),
          ),
        })),
      }
    })
}

/** A block of main.tf: `<kind> "<name>" {` ... the matching `}` (by brace depth, strings skipped). */
export function tfBlock(tf: string, header: string): string {
  const start = tf.indexOf(header)
  if (start < 0) throw new Error(`main.tf has no '${header}'`)
  let depth = 0
  for (let i = tf.indexOf('{', start); i < tf.length; i++) {
    const c = tf[i]
    if (c === '"') {
      for (i++; i < tf.length && tf[i] !== '"'; i++) if (tf[i] === '\\') i++
    } else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return tf.slice(start, i + 1)
  }
  throw new Error(`main.tf's '${header}' is not closed`)
}

/** The variables' defaults, with the values given (Terraform's -var). */
export function tfVariables(tf: string, given: Record<string, string | boolean>): Record<string, string | boolean> {
  const vars: Record<string, string | boolean> = {}
  for (const m of tf.matchAll(/^variable "(\w+)" \{/gm)) {
    const name = m[1] ?? ''
    const block = tfBlock(tf, m[0])
    const dflt = /^\s*default\s*=\s*(.*)$/m.exec(block)?.[1]?.trim()
    if (dflt !== undefined) vars[name] = JSON.parse(dflt) as string | boolean
  }
  for (const [name, value] of Object.entries(given)) {
    if (!tf.includes(`variable "${name}" {`)) throw new Error(`main.tf has no variable ${name}`)
    vars[name] = value
  }
  return vars
}

/**
 * main.tf's `locals` evaluated: each `name = expression` of the block, in order, as JavaScript (HCL's
 * strings, lists, objects, `a == b ? c : d` and `${...}` templates are JavaScript's once `=` becomes `:`
 * inside objects and strings with `${` become template literals); `for` expressions are Terraform's own.
 */
export function tfLocals(tf: string, vars: Record<string, string | boolean>): Record<string, unknown> {
  const block = tfBlock(tf, 'locals {')
  const body = block.slice(block.indexOf('{') + 1, block.lastIndexOf('}'))
  const statements: { name: string; expr: string }[] = []
  let current: { name: string; expr: string } | undefined
  for (const raw of body.split('\n')) {
    const line = raw.replace(/^\s*#.*$/, '')
    const start = /^ {2}(\w+)\s*=\s*(.*)$/.exec(line)
    if (start) {
      current = { name: start[1] ?? '', expr: start[2] ?? '' }
      statements.push(current)
    } else if (current && line.trim()) current.expr += `\n${line}`
  }
  const local: Record<string, unknown> = {}
  for (const { name, expr } of statements) {
    if (/\bfor\b.*\bin\b/.test(expr) || /aws_\w+\./.test(expr)) continue
    const js = expr
      .replace(/"((?:[^"\\]|\\.)*)"/g, (_m, s: string) =>
        s.includes('${') ? '`' + s.replace(/\$\{var\./g, '${v.').replace(/\$\{local\./g, '${l.') + '`' : `"${s}"`,
      )
      .replace(/\bvar\./g, 'v.')
      .replace(/\blocal\./g, 'l.')
      .replace(/^(\s*)("[^"]+"|[\w-]+)\s*=\s*\{/gm, '$1$2: {')
      .replace(/(\{|,)\s*(\w+)\s*=\s*(?!=)/g, '$1 $2: ')
      .replace(/\}\s*$/gm, '},')
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- main.tf of this repository, rewritten as above
    const value: unknown = new Function('v', 'l', `return (${js.replace(/,\s*$/, '')})`)(vars, local)
    local[name] = value
  }
  return local
}

/**
 * Every role main.tf creates for these variables: its `locals.roles` table evaluated, with the trust
 * statement its `data "aws_iam_policy_document" "trust"` block builds (whose text the tests check) and the
 * policy file it attaches.
 */
export function tfRoles(tf: string, given: Record<string, string | boolean>, readPolicy: (name: string) => unknown): EvaluatedRole[] {
  const vars = tfVariables(tf, given)
  const local = tfLocals(tf, vars)
  const roles = local.roles as Record<string, { policy: string; create: boolean; subjects: string[] }>
  return Object.entries(roles)
    .filter(([, r]) => r.create)
    .map(([key, r]) => ({
      key,
      name: `${String(vars.role_name_prefix)}-${key}`,
      policy: readPolicy(r.policy),
      trust: [
        {
          effect: 'Allow',
          action: 'sts:AssumeRoleWithWebIdentity',
          principal: { Federated: '<provider_arn>' },
          conditions: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'],
              'token.actions.githubusercontent.com:sub': r.subjects.map((s) => `${String(local.repo)}:${s}`),
            },
          },
        },
      ],
    }))
}
