#!/usr/bin/env node
// @ts-check
// Writes what the README and docs/ show from the files they show it from, between generated markers:
// - the README's inputs and outputs tables from action.yml:
//     <!-- BEGIN generated: inputs (npm run docs, from action.yml) --> ... <!-- END generated: inputs -->
//   action.yml is the one source: each description appears in the README as action.yml has it, `code`
//   kept, a docs/<page>.md mention made a link, `|` and `<` escaped for the table;
// - in README.md and docs/*.md, each example file, verbatim, as a fenced block:
//     <!-- BEGIN example: examples/workflows/deploy.yml (npm run docs) --> ... <!-- END example -->
//   npm run docs              update README.md and docs/*.md
//   npm run docs -- --check   exit 1, naming what is stale, when a page differs
// (--root <dir>: another checkout, for the test)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const SECTIONS = ['inputs', 'outputs']

/**
 * One description as a markdown table cell: code spans kept (their `|` escaped), elsewhere `|` and `<`
 * escaped and docs/<page>.md(#anchor) turned into a relative link.
 * @param {string} text
 */
export function cell(text) {
  return text
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part.replace(/\|/g, '\\|')
      return part
        .replace(/\|/g, '\\|')
        .replace(/</g, '&lt;')
        .replace(/\bdocs\/[A-Za-z0-9_-]+\.md(?:#[a-z0-9-]+)?/g, (path) => `[${path.split('#')[0]}](${path})`)
    })
    .join('')
}

/** @param {string} value */
const code = (value) => (value === '' ? '' : `\`${value}\``)

/**
 * @typedef {{ inputs: Record<string, { description?: string, required?: boolean, default?: string }>,
 *   outputs: Record<string, { description?: string }> }} ActionYml
 */

/** @param {ActionYml} action */
export function inputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${spec.required ? 'yes' : 'no'} | ${code(String(spec.default ?? ''))} | ${cell(spec.description ?? '')} |`,
  )
  return ['| input | required | default | description |', '|---|---|---|---|', ...rows].join('\n')
}

/** @param {ActionYml} action */
export function outputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`)
  return ['| output | description |', '|---|---|', ...rows].join('\n')
}

/** @param {string} section */
const markers = (section) => ({
  begin: `<!-- BEGIN generated: ${section} (npm run docs, from action.yml) -->`,
  end: `<!-- END generated: ${section} -->`,
})

/**
 * The README with each generated section replaced by what action.yml gives.
 * @param {string} readme
 * @param {ActionYml} action
 */
export function renderReadme(readme, action) {
  /** @type {Record<string, string>} */
  const tables = { inputs: inputsTable(action), outputs: outputsTable(action) }
  let out = readme
  for (const section of SECTIONS) {
    const { begin, end } = markers(section)
    const start = out.indexOf(begin)
    const stop = out.indexOf(end)
    if (start < 0 || stop < start) throw new Error(`README.md has no '${begin}' ... '${end}' markers`)
    out = `${out.slice(0, start + begin.length)}\n${tables[section]}\n${out.slice(stop)}`
  }
  return out
}

const LANGUAGES = /** @type {Record<string, string>} */ ({ yml: 'yaml', yaml: 'yaml', json: 'json', tf: 'hcl', sh: 'bash' })

/**
 * A page with each example marker's block replaced by the file it names, verbatim.
 * @param {string} page
 * @param {(path: string) => string} readFile  a path relative to the repository's root → its text
 */
export function renderExamples(page, readFile) {
  return page.replace(
    /^(<!-- BEGIN example: (\S+) \(npm run docs\) -->)\n[\s\S]*?^(<!-- END example -->)$/gm,
    (_all, begin, /** @type {string} */ path, end) => {
      const language = LANGUAGES[path.split('.').pop() ?? ''] ?? 'text'
      return `${begin}\n\n\`\`\`${language}\n${readFile(path).replace(/\n+$/, '')}\n\`\`\`\n\n${end}`
    },
  )
}

/**
 * The pages this generator writes: README.md and docs/*.md, relative to the root.
 * @param {string} root
 */
export function pages(root) {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ]
}

/**
 * Every page as it should be: path → text.
 * @param {string} root
 * @returns {Record<string, string>}
 */
export function generate(root) {
  const action = /** @type {ActionYml} */ (parse(readFileSync(join(root, 'action.yml'), 'utf8')))
  const readFile = (/** @type {string} */ path) => readFileSync(join(root, path), 'utf8')
  /** @type {Record<string, string>} */
  const out = {}
  for (const path of pages(root)) {
    let text = renderExamples(readFile(path), readFile)
    if (path === 'README.md') text = renderReadme(text, action)
    out[path] = text
  }
  return out
}

/**
 * The README's generated tables that differ between two versions (for the --check message).
 * @param {string} current
 * @param {string} wanted
 */
export function staleSections(current, wanted) {
  return SECTIONS.filter((section) => {
    const { begin, end } = markers(section)
    const slice = (/** @type {string} */ t) => t.slice(t.indexOf(begin), t.indexOf(end))
    return slice(current) !== slice(wanted)
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--root')
  const root = at > 0 ? (process.argv[at + 1] ?? '') : join(dirname(fileURLToPath(import.meta.url)), '..')
  const check = process.argv.includes('--check')
  const stale = []
  for (const [path, wanted] of Object.entries(generate(root))) {
    const current = readFileSync(join(root, path), 'utf8')
    if (current === wanted) continue
    const tables = path === 'README.md' ? staleSections(current, wanted) : []
    stale.push(`${path}${tables.length ? ` (${tables.join(' and ')} table${tables.length > 1 ? 's' : ''} from action.yml)` : ''}`)
    if (!check) writeFileSync(join(root, path), wanted)
  }
  if (stale.length === 0) console.log('README.md and docs/ are up to date with action.yml and the examples')
  else if (check) {
    console.error(`out of date with action.yml or the example files: ${stale.join(', ')}; run 'npm run docs'`)
    process.exit(1)
  } else console.log(`updated: ${stale.join(', ')}`)
}
