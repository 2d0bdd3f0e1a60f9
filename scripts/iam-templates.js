#!/usr/bin/env node
// Writes the README's three IAM policies (its ```json blocks: apply, plan, destroy) into the OIDC role
// templates: the PolicyDocument blocks of examples/iam/cloudformation.yml (between its BEGIN/END generated
// markers) and examples/iam/policies/<name>.json, which examples/iam/main.tf reads.
//   npm run iam-templates            update the templates
//   npm run iam-templates -- --check exit 1, naming the files, when they are out of date
// (--root <dir>: another checkout, for the test)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const POLICY_NAMES = ['apply', 'plan', 'destroy']

/** The README's policies by name, parsed, in the order the README gives them. */
export function readmePolicies(readme) {
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]))
  if (blocks.length < POLICY_NAMES.length) throw new Error(`README.md has ${blocks.length} json blocks, expected the ${POLICY_NAMES.join(', ')} policies`)
  return Object.fromEntries(POLICY_NAMES.map((name, i) => [name, blocks[i]]))
}

const MARKER = /^( *)# BEGIN generated from README\.md's (\w+) policy.*\n[\s\S]*?^ *# END generated$/gm

/** cloudformation.yml with each marked PolicyDocument replaced by the README's policy (JSON is YAML). */
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
    return `${indent}# BEGIN generated from README.md's ${name} policy (npm run iam-templates)\n${body}\n${indent}# END generated`
  })
  if (count !== POLICY_NAMES.length) throw new Error(`cloudformation.yml has ${count} generated policy blocks, expected ${POLICY_NAMES.length}`)
  return out
}

export function generate(root) {
  const policies = readmePolicies(readFileSync(join(root, 'README.md'), 'utf8'))
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
    console.error(`out of date with README.md's IAM policies: ${stale.join(', ')}; run 'npm run iam-templates'`)
    process.exit(1)
  }
  console.log(stale.length ? `${check ? 'stale' : 'updated'}: ${stale.join(', ')}` : 'IAM templates are up to date')
}
