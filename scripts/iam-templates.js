#!/usr/bin/env node
// Writes the three IAM policies of docs/iam.md (its ```json blocks marked <!-- iam-policy: apply -->, plan
// and destroy: the one source of the policies, which the end-to-end tests also run under) into the OIDC
// role templates: the PolicyDocument blocks of examples/iam/cloudformation.yml (between its BEGIN/END
// generated markers) and examples/iam/policies/<name>.json, which examples/iam/main.tf reads. A fourth,
// the integration policy (the role of .github/workflows/integration.yml), is built from them: the union
// of the three, plus what a leg of that workflow declares under `iam:` (beyond docs/iam.md's policies)
// and what scripts/sweep-integration.js calls.
//   npm run iam-templates            update the templates
//   npm run iam-templates -- --check exit 1, naming the files, when they are out of date
// (--root <dir>: another checkout, for the test)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { SWEEPER_ACTIONS } from './sweep-integration.js'

export const POLICY_NAMES = ['apply', 'plan', 'destroy']
/** The generated templates' policies: docs/iam.md's, then the integration role's (built from them). */
export const TEMPLATE_POLICY_NAMES = [...POLICY_NAMES, 'integration']
export const INTEGRATION_WORKFLOW = '.github/workflows/integration.yml'

/** Where the policies are written, relative to the repository's root. */
export const POLICIES_DOC = 'docs/iam.md'

/**
 * The policies of docs/iam.md by name, parsed: each is the ```json block right after its
 * `<!-- iam-policy: NAME -->` marker (other JSON blocks of the page, such as a trust policy, are not policies).
 * @param {string} markdown
 * @returns {Record<string, {Version: string, Statement: {Sid?: string, Effect: string, Action: string[], Resource: string}[]}>}
 */
export function readPolicies(markdown) {
  /** @type {Record<string, any>} */
  const found = {}
  for (const m of markdown.matchAll(/^<!-- iam-policy: (\w+) -->\n+```json\n([\s\S]*?)\n```/gm)) {
    const [, name = '', body = ''] = m
    if (name in found) throw new Error(`${POLICIES_DOC} marks the ${name} policy twice`)
    found[name] = JSON.parse(body)
  }
  const missing = POLICY_NAMES.filter((name) => !(name in found))
  if (missing.length) throw new Error(`${POLICIES_DOC} has no <!-- iam-policy: ${missing.join(' / ')} --> block; expected ${POLICY_NAMES.join(', ')}`)
  return found
}

/**
 * The cognito-idp operations a policy allows, without the `cognito-idp:` prefix (another service's
 * actions, such as cloudfront:UpdateDistribution for a custom domain, are not Cognito calls).
 * @param {{Statement: {Action: string[]}[]}} policy
 */
export const operationsOf = (policy) =>
  policy.Statement.flatMap((s) => s.Action)
    .filter((a) => a.startsWith('cognito-idp:'))
    .map((a) => a.slice('cognito-idp:'.length))

/** The `iam:` of each leg of integration.yml's matrix (space-separated actions), by leg. */
export function legActions(workflowText) {
  const workflow = parseYaml(workflowText)
  const include = workflow?.jobs?.legs?.strategy?.matrix?.include
  if (!Array.isArray(include)) throw new Error(`${INTEGRATION_WORKFLOW} has no jobs.legs.strategy.matrix.include list`)
  /** @type {Record<string, string[]>} */
  const out = {}
  for (const entry of include) {
    const actions = String(entry.iam ?? '')
      .split(/\s+/)
      .filter(Boolean)
    for (const a of actions) if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a)) throw new Error(`leg ${entry.leg}: '${a}' is not an IAM action (service:Action)`)
    if (actions.length) out[entry.leg] = actions
  }
  return out
}

/** `custom-domain` → `CustomDomain` (a statement's Sid). */
const pascal = (name) => name.replace(/(^|[^A-Za-z0-9])([a-z0-9])/g, (_m, _sep, c) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')

/**
 * The integration role's policy: docs/iam.md's apply, plan and destroy policies in one statement, then one
 * statement for the sweeper and one per leg for what they need beyond those (empty ones left out).
 * iam:PassRole only to Cognito.
 */
export function integrationPolicy(policies, legs, sweeper = SWEEPER_ACTIONS) {
  const granted = new Set()
  const statements = []
  const add = (sid, actions, extra = {}) => {
    const fresh = [...new Set(actions)].filter((a) => !granted.has(a))
    if (fresh.length === 0) return
    for (const a of fresh) granted.add(a)
    statements.push({ Sid: sid, Effect: 'Allow', Action: fresh, Resource: '*', ...extra })
  }
  add(
    'ApplyPlanDestroy',
    POLICY_NAMES.flatMap((name) => policies[name].Statement.flatMap((st) => [st.Action].flat())),
  )
  add('Sweeper', sweeper)
  for (const [leg, actions] of Object.entries(legs)) {
    const passRole = actions.filter((a) => a === 'iam:PassRole')
    add(
      `Leg${pascal(leg)}`,
      actions.filter((a) => a !== 'iam:PassRole'),
    )
    if (passRole.length)
      add(`Leg${pascal(leg)}PassRoleToCognito`, passRole, { Condition: { StringEquals: { 'iam:PassedToService': 'cognito-idp.amazonaws.com' } } })
  }
  return { Version: '2012-10-17', Statement: statements }
}

/** The first line of a generated block: where its policy comes from. */
const MARKER_LINE = {
  integration:
    "# BEGIN generated: the integration policy (docs/iam.md's apply, plan and destroy policies, plus integration.yml's legs and the sweeper; npm run iam-templates)",
}

/**
 * The policies of a checkout (default: this one).
 * @param {string} [root]
 */
export function policiesOf(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  return readPolicies(readFileSync(join(root, POLICIES_DOC), 'utf8'))
}

const MARKER = /^( *)# BEGIN generated(?: from docs\/iam\.md's|: the) (\w+) policy.*\n[\s\S]*?^ *# END generated$/gm

/** cloudformation.yml with each marked PolicyDocument replaced by docs/iam.md's policy (JSON is YAML). */
export function renderCloudFormation(template, policies) {
  let count = 0
  const out = template.replace(MARKER, (_all, indent, name) => {
    const policy = policies[name]
    if (!policy) throw new Error(`cloudformation.yml marks an unknown policy '${name}'`)
    count++
    const body = JSON.stringify(policy, null, 2)
      .split('\n')
      .map((l) => indent + l)
      .join('\n')
    const begin = MARKER_LINE[name] ?? `# BEGIN generated from docs/iam.md's ${name} policy (npm run iam-templates)`
    return `${indent}${begin}\n${body}\n${indent}# END generated`
  })
  const expected = Object.keys(policies).length
  if (count !== expected) throw new Error(`cloudformation.yml has ${count} generated policy blocks, expected ${expected}`)
  return out
}

/**
 * docs/iam.md's policies and the integration role's, of a checkout (default: this one).
 * @param {string} [root]
 * @returns {Record<string, {Version: string, Statement: {Sid?: string, Effect: string, Action: string[], Resource: string}[]}>}
 */
export function templatePoliciesOf(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  const iam = policiesOf(root)
  return { ...iam, integration: integrationPolicy(iam, legActions(readFileSync(join(root, INTEGRATION_WORKFLOW), 'utf8'))) }
}

export function generate(root) {
  const policies = templatePoliciesOf(root)
  const cfnPath = 'examples/iam/cloudformation.yml'
  const files = { [cfnPath]: renderCloudFormation(readFileSync(join(root, cfnPath), 'utf8'), policies) }
  for (const name of TEMPLATE_POLICY_NAMES) files[`examples/iam/policies/${name}.json`] = JSON.stringify(policies[name], null, 2) + '\n'
  return files
}

function current(path) {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--root')
  const root = at > 0 ? process.argv[at + 1] : join(dirname(fileURLToPath(import.meta.url)), '..')
  const check = process.argv.includes('--check')
  const stale = []
  for (const [rel, text] of Object.entries(generate(root))) {
    const path = join(root, rel)
    if (current(path) === text) continue
    stale.push(rel)
    if (!check) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
  }
  if (check && stale.length) {
    console.error(`out of date with docs/iam.md's IAM policies: ${stale.join(', ')}; run 'npm run iam-templates'`)
    process.exit(1)
  }
  console.log(stale.length ? `${check ? 'stale' : 'updated'}: ${stale.join(', ')}` : 'IAM templates are up to date')
}
