#!/usr/bin/env node
// Writes the three IAM policies of docs/iam.md (its ```json blocks marked <!-- iam-policy: apply -->, plan
// and destroy: the one source of the policies, which the end-to-end tests also run under) into the OIDC
// role templates: the PolicyDocument blocks of examples/iam/cloudformation.yml (between its BEGIN/END
// generated markers) and examples/iam/policies/<name>.json, which examples/iam/main.tf reads.
//   npm run iam-templates            update the templates
//   npm run iam-templates -- --check exit 1, naming the files, when they are out of date
// (--root <dir>: another checkout, for the test)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const POLICY_NAMES = ['apply', 'plan', 'destroy']

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
 * The cognito-idp operations a policy allows, without the `cognito-idp:` prefix.
 * @param {{Statement: {Action: string[]}[]}} policy
 */
export const operationsOf = (policy) => policy.Statement.flatMap((s) => s.Action).map((a) => a.replace(/^cognito-idp:/, ''))

/**
 * The policies of a checkout (default: this one).
 * @param {string} [root]
 */
export function policiesOf(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  return readPolicies(readFileSync(join(root, POLICIES_DOC), 'utf8'))
}

const MARKER = /^( *)# BEGIN generated from docs\/iam\.md's (\w+) policy.*\n[\s\S]*?^ *# END generated$/gm

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
    return `${indent}# BEGIN generated from docs/iam.md's ${name} policy (npm run iam-templates)\n${body}\n${indent}# END generated`
  })
  if (count !== POLICY_NAMES.length) throw new Error(`cloudformation.yml has ${count} generated policy blocks, expected ${POLICY_NAMES.length}`)
  return out
}

export function generate(root) {
  const policies = policiesOf(root)
  const cfnPath = 'examples/iam/cloudformation.yml'
  const files = { [cfnPath]: renderCloudFormation(readFileSync(join(root, cfnPath), 'utf8'), policies) }
  for (const name of POLICY_NAMES) files[`examples/iam/policies/${name}.json`] = JSON.stringify(policies[name], null, 2) + '\n'
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
