// Plan, outputs and checks → markdown for the job summary and the pull-request comment. Pure.
//
// Everything that came from inputs or AWS is shown as a code span (or a fenced block), where
// markdown, HTML and autolinks are inert, so a value cannot break the table or inject a link. GitHub
// links @mentions, #123 references and bare URLs in text nodes after rendering, but never inside code,
// so entity-escaping is not enough: values never appear outside code. Line breaks of every kind
// (and invisible characters) are shown as escapes, so a value cannot end a line, a row or a block.
import { ACTION_WORDS, RESOURCE_LABEL, showValue } from './render.js'
import { showInvisible } from '../util/log-safety.js'
import type { Check, FieldChange, Mode, Plan, Step } from '../model/types.js'

export type { Check } from '../model/types.js'

export interface SummaryInput {
  mode: Mode
  region: string
  poolName: string
  plan: Plan
  /** Output values by output name (see outputs.ts). */
  outputs: Record<string, string>
  /** Output names whose values are secrets and are never shown. */
  maskedOutputs: string[]
  callbackUrls: string[]
  checks: Check[]
  /** The hosted UI's sign-in link for the first callback URL (only when the client ID is not masked). */
  signInUrl?: string
  /** A note shown first, e.g. why the plan could not be made for a fork's pull request. */
  notice?: string
  /** OpenMetadata Helm values (YAML), shown last in a code block. */
  appendix?: string
  /**
   * Long plans (300 identity providers, 1,000 invitations) are summarised: at most this many steps of one
   * kind and changes of one step are shown, the rest counted (the `plan` output and the log have every
   * one). Changes with a warning are always shown. Default 20.
   */
  itemsShown?: number
}

export const ITEMS_SHOWN = 20

const count = (n: number): string => n.toLocaleString('en-US')

/** The label of a kind in the plural, for counts. */
function plural(label: string, n: number): string {
  if (n === 1) return label
  return label.endsWith('s') ? label : `${label}s`
}

/** A value as an inline code span, safe inside a table cell. */
export function code(value: string): string {
  if (value === '') return '*(empty)*'
  // In a table row `\|` keeps a pipe in its cell; a backslash just before it would escape the escape.
  const text = showInvisible(value)
    .replace(/\\(?=\|)/g, '\\u005c')
    .replaceAll('|', '\\|')
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/** Free text (messages that quote values) as a fenced block, where nothing is interpreted. */
export function block(value: string): string {
  // LF separates the lines of the message; every other line break (a lone CR ends a line in markdown)
  // and every invisible character is shown as an escape. The fence is longer than any backtick run.
  const text = value
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => showInvisible(line))
    .join('\n')
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}text\n${text}\n${fence}`
}

const LIST_INLINE_MAX = 3

function valueCell(value: unknown): string {
  if (value === undefined || value === null) return '*(none)*'
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.length ? value.map((v) => code(v)).join('<br>') : '*(empty)*'
  }
  return code(showValue(value))
}

function changeRow(change: FieldChange): string {
  const row = plainChangeRow(change)
  // The warning is ours (it quotes the value as code): it sits in the value's cell, on the same line.
  return change.warning ? `${row.slice(0, -2)}<br>⚠️ ${code(change.warning)} |` : row
}

function plainChangeRow(change: FieldChange): string {
  const field = code(change.field)
  const listed = Array.isArray(change.before) ? change.before.length : 0
  const long = Array.isArray(change.after) && Math.max(listed, change.after.length) > LIST_INLINE_MAX
  if (long && (change.added || change.removed)) {
    const removed = (change.removed ?? []).map((x) => `− ${code(x)}`).join('<br>') || '*(none removed)*'
    const added = (change.added ?? []).map((x) => `+ ${code(x)}`).join('<br>') || '*(none added)*'
    return `| ${field} | ${removed} | ${added} |`
  }
  return `| ${field} | ${valueCell(change.before)} | ${valueCell(change.after)} |`
}

function actionCell(step: Step): string {
  const word = ACTION_WORDS[step.action]
  if (step.action === 'no-op') return word
  const replaces = step.replaces ? ` (removes ${code(step.replaces)} first)` : ''
  return `**${word}**${replaces}`
}

function headline(input: SummaryInput): string {
  const { plan, mode } = input
  if (plan.problems.length) return 'Cannot apply: the inputs need a decision (nothing was changed).'
  if (!plan.steps.length) return 'No plan was made.'
  const changing = plan.steps.filter((s) => s.action !== 'no-op').length
  if (mode === 'destroy' || mode === 'plan-destroy') {
    if (!changing) return 'Nothing to destroy: no user pool of this name exists.'
    return mode === 'plan-destroy' ? `${changing} resources would be deleted by mode: destroy.` : `${changing} resources deleted.`
  }
  if (!changing) return 'No changes: AWS already matches the inputs.'
  const noun = `${changing} of ${plan.steps.length} resources`
  return mode === 'plan' ? `${noun} would change when applied.` : `${noun} changed.`
}

const TITLES: Record<Mode, string> = { apply: 'apply', plan: 'plan', destroy: 'destroy', 'plan-destroy': 'destroy plan' }

export function renderSummary(input: SummaryInput): string {
  const { plan } = input
  const title = TITLES[input.mode]
  const out: string[] = [`## Cognito SSO ${title}: ${code(input.poolName)} in ${code(input.region)}`, '']
  if (input.notice) out.push(block(input.notice), '')
  out.push(headline(input), '')

  const shown = input.itemsShown ?? ITEMS_SHOWN
  const { steps: tableSteps, folded } = foldSteps(plan.steps, shown)
  if (plan.steps.length) {
    out.push('| Resource | Name | Action |', '| --- | --- | --- |')
    for (const entry of tableSteps) {
      if ('step' in entry) out.push(`| ${RESOURCE_LABEL[entry.step.resource]} | ${code(entry.step.name)} | ${actionCell(entry.step)} |`)
      else out.push(`| ${RESOURCE_LABEL[entry.resource]} | *(and ${count(entry.hidden.length)} more)* | ${foldedActions(entry.resource, entry.all)} |`)
    }
    out.push('')
  }
  for (const entry of tableSteps) {
    if (!('step' in entry) || entry.step.changes.length === 0) continue
    const step = entry.step
    // The summary is HTML, where GitHub would link a mention: it holds only our words; the name is in the table above.
    out.push(`<details${step.action === 'create' ? '' : ' open'}><summary>${RESOURCE_LABEL[step.resource]}: ${ACTION_WORDS[step.action]}</summary>`, '')
    out.push('| Field | Before | After |', '| --- | --- | --- |', ...changeRows(step.changes, shown), '', '</details>', '')
  }
  if (folded > 0) {
    out.push(`The changes of ${count(folded)} more ${folded === 1 ? 'resource are' : 'resources are'} in the \`plan\` output and the job log.`, '')
  }
  if (plan.problems.length) out.push('### Problems', '', block(plan.problems.join('\n')), '')

  if (input.checks.length) {
    out.push('### SSO checks', '', '| Check | Result | Detail |', '| --- | --- | --- |')
    for (const c of input.checks) out.push(`| ${checkName(c.name)} | ${c.ok ? '✅ pass' : '❌ fail'} | ${code(c.detail)} |`)
    out.push('')
  }

  const cloudFront = input.outputs['cloudfront-domain']
  const customDomain = input.outputs.domain
  if (cloudFront && customDomain) {
    out.push(
      '### DNS record for the custom domain',
      '',
      'Create this record in the DNS zone of the custom domain (until it exists, the hosted UI does not answer on it):',
      '',
    )
    out.push('| Name | Type | Value |', '| --- | --- | --- |', `| ${code(customDomain)} | \`CNAME\` (Route 53: alias \`A\`) | ${code(cloudFront)} |`, '')
  }
  const handoff = handoffRows(input)
  if (handoff.length) {
    out.push('### For the application (OpenMetadata / Collate)', '', '| Setting | Value |', '| --- | --- |', ...handoff, '')
  }
  if (input.appendix) {
    const fence = '`'.repeat(Math.max(3, ...(input.appendix.match(/`+/g) ?? []).map((r) => r.length + 1)))
    out.push('OpenMetadata Helm values (the `openmetadata-env` output has the same as environment variables):', '', `${fence}yaml`, input.appendix, fence, '')
  }
  return out.join('\n')
}

type TableEntry = { step: Step } | { resource: Step['resource']; hidden: Step[]; all: Step[] }

/**
 * The steps of the table: of each kind at most `shown` (the changing ones first), the rest of the kind
 * folded into one counted row. `folded`: how many steps are not shown.
 */
function foldSteps(steps: Step[], shown: number): { steps: TableEntry[]; folded: number } {
  const entries: TableEntry[] = []
  let folded = 0
  const kinds = [...new Set(steps.map((s) => s.resource))]
  for (const kind of kinds) {
    const all = steps.filter((s) => s.resource === kind)
    if (all.length <= shown) {
      entries.push(...all.map((step) => ({ step })))
      continue
    }
    const first = [...all.filter((s) => s.action !== 'no-op'), ...all.filter((s) => s.action === 'no-op')].slice(0, shown)
    const hidden = all.filter((s) => !first.includes(s))
    entries.push(...all.filter((s) => first.includes(s)).map((step) => ({ step })), { resource: kind, hidden, all })
    folded += hidden.length
  }
  return { steps: entries, folded }
}

/** A folded row's action cell: how many of the kind there are, and what happens to them. */
function foldedActions(resource: Step['resource'], all: Step[]): string {
  const label = RESOURCE_LABEL[resource]
  const byAction = new Map<string, number>()
  for (const s of all) byAction.set(ACTION_WORDS[s.action], (byAction.get(ACTION_WORDS[s.action]) ?? 0) + 1)
  return `${count(all.length)} ${plural(label, all.length)} in all: ${[...byAction].map(([word, n]) => `${count(n)} ${word}`).join(', ')}`
}

/** At most `shown` change rows (and every change with a warning), then one row that counts the rest. */
function changeRows(changes: FieldChange[], shown: number): string[] {
  if (changes.length <= shown) return changes.map(changeRow)
  const kept = changes.filter((c, i) => i < shown || c.warning)
  const fields = [...new Set(changes.map((c) => c.field))]
  const what = fields.length === 1 ? code(fields[0] ?? '') : 'changes'
  return [...kept.map(changeRow), `| … | | *(and ${count(changes.length - kept.length)} more ${what}: ${count(changes.length)} in all)* |`]
}

function handoffRows(input: SummaryInput): string[] {
  const rows: [string, string, string | undefined][] = [
    ['Client ID', 'client-id', input.outputs['client-id']],
    ['User Pool ID', 'user-pool-id', input.outputs['user-pool-id']],
    ['Authority (issuer)', 'issuer', input.outputs.issuer],
    ['JWKS URL', 'jwks-uri', input.outputs['jwks-uri']],
    ['Callback URL', '', input.callbackUrls[0]],
    ['Hosted UI', 'hosted-ui-url', input.outputs['hosted-ui-url']],
    ['Sign-in link', '', input.signInUrl],
  ]
  if (!input.outputs['user-pool-id']) return []
  return rows
    .filter(([, , value]) => value !== undefined)
    .map(([label, output, value]) => {
      const masked = output && input.maskedOutputs.includes(output)
      return `| ${label} | ${masked ? `*(masked: step output ${code(output)})*` : code(value ?? '')} |`
    })
}

const OWN_CHECK_NAMES = new Set(['Issuer discovery document', 'Signing keys (JWKS)', 'Hosted UI refuses an unlisted callback URL'])
const ACCEPTS = 'Hosted UI accepts '

/** A check's name: our words as they are, a quoted callback URL (or anything else) as code. */
function checkName(name: string): string {
  if (OWN_CHECK_NAMES.has(name)) return name
  if (name.startsWith(ACCEPTS)) return `${ACCEPTS}${code(name.slice(ACCEPTS.length))}`
  return code(name)
}
