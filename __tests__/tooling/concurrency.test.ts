// Concurrency that does what it says, in every example workflow (examples/workflows/ and the workflow
// blocks of README.md and docs/): the runs that write to a pool (apply, destroy) share that pool's one
// group and never cancel each other in progress; a read-only workflow (plan, plan-destroy) never joins a
// group where a writing run may wait, since GitHub keeps one pending run per group and a newcomer cancels the
// pending one (a queued pull-request plan would cancel a waiting deploy). Our own CI (which runs the action
// against a local Cognito only) joins no pool's group.
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { WRITING_MODES, actionSteps, exampleWorkflows, modeOf, read, type ExampleWorkflow, type Workflow } from '../support/docs.js'

interface Group {
  group: string
  cancelInProgress: string
}

/** The workflow's concurrency (or, failing that, its jobs'): group and cancel-in-progress as written. */
function groupsOf(workflow: Workflow): Group[] {
  const one = (c: Workflow['concurrency']): Group | undefined =>
    c === undefined
      ? undefined
      : typeof c === 'string'
        ? { group: c, cancelInProgress: 'false' }
        : { group: c.group ?? '', cancelInProgress: String(c['cancel-in-progress'] ?? false) }
  const top = one(workflow.concurrency)
  if (top) return [top]
  return Object.values(workflow.jobs).flatMap((j) => one(j.concurrency) ?? [])
}

const writes = (workflow: Workflow): boolean => Object.values(workflow.jobs).some((job) => actionSteps(job).some((s) => WRITING_MODES.includes(modeOf(s))))
const runsTheAction = (workflow: Workflow): boolean => Object.values(workflow.jobs).some((job) => actionSteps(job).length > 0)
/** The pool names a workflow acts on, as written (expressions kept). */
const pools = (workflow: Workflow): string[] => [
  ...new Set(Object.values(workflow.jobs).flatMap((job) => actionSteps(job).map((s) => String(s.with?.['pool-name'] ?? '')))),
]

/** What is wrong with the concurrency of these workflows. */
export function concurrencyProblems(workflows: { where: string; workflow: Workflow }[]): string[] {
  const problems: string[] = []
  const writeGroups = new Map<string, string[]>() // group → the writing workflows in it
  const poolGroups = new Map<string, Set<string>>() // pool → its writers' groups
  for (const { where, workflow } of workflows.filter((w) => runsTheAction(w.workflow) && writes(w.workflow))) {
    const groups = groupsOf(workflow)
    if (groups.length !== 1) {
      problems.push(`${where}: writes to a pool but has ${groups.length} concurrency groups; give it its pool's one group`)
      continue
    }
    const [{ group, cancelInProgress } = { group: '', cancelInProgress: '' }] = groups
    if (cancelInProgress !== 'false') problems.push(`${where}: writes to a pool with cancel-in-progress ${cancelInProgress}; a cancelled apply stops half-way`)
    writeGroups.set(group, [...(writeGroups.get(group) ?? []), where])
    for (const pool of pools(workflow)) poolGroups.set(pool, (poolGroups.get(pool) ?? new Set()).add(group))
  }
  for (const [pool, groups] of poolGroups) {
    if (groups.size > 1) problems.push(`pool ${pool}: its writers use ${groups.size} groups (${[...groups].join(', ')}); they must share one`)
  }
  for (const { where, workflow } of workflows.filter((w) => runsTheAction(w.workflow) && !writes(w.workflow))) {
    for (const { group } of groupsOf(workflow)) {
      const writers = writeGroups.get(group)
      if (writers)
        problems.push(`${where}: a read-only workflow in the write group ${group} of ${writers.join(', ')}; a queued run there cancels a pending deploy`)
    }
  }
  return problems
}

const EXAMPLES: ExampleWorkflow[] = exampleWorkflows()

describe('concurrency of the example workflows', () => {
  it('writers share their pool’s one group without cancelling; read-only workflows have their own groups', () => {
    expect(concurrencyProblems(EXAMPLES)).toEqual([])
  })

  it('the examples are what the check is about: several writers of the pool, and read-only ones', () => {
    const writers = EXAMPLES.filter((e) => writes(e.workflow) && pools(e.workflow).includes('openmetadata')).map((e) => e.where)
    expect(writers).toEqual(expect.arrayContaining(['examples/workflows/deploy.yml', 'examples/workflows/destroy.yml', 'examples/workflows/later-job.yml']))
    const readers = EXAMPLES.filter((e) => runsTheAction(e.workflow) && !writes(e.workflow)).map((e) => e.where)
    expect(readers).toEqual(expect.arrayContaining(['examples/workflows/plan.yml', 'examples/workflows/drift.yml']))
    for (const path of ['examples/workflows/plan.yml', 'examples/workflows/drift.yml']) {
      expect(groupsOf(parse(read(path)) as Workflow)[0]?.cancelInProgress, path).toBe('true')
    }
  })

  it('fails when a plan workflow shares a group with a writing one, when writers of a pool split, or cancel in progress', () => {
    const wf = (path: string): Workflow => parse(read(path)) as Workflow
    const plan = wf('examples/workflows/plan.yml')
    const deploy = wf('examples/workflows/deploy.yml')
    const sharing = { ...plan, concurrency: { group: 'cognito-sso-openmetadata', 'cancel-in-progress': false } }
    expect(
      concurrencyProblems([
        { where: 'deploy', workflow: deploy },
        { where: 'plan', workflow: sharing },
      ]),
    ).toEqual(['plan: a read-only workflow in the write group cognito-sso-openmetadata of deploy; a queued run there cancels a pending deploy'])
    const split = { ...deploy, concurrency: { group: 'elsewhere', 'cancel-in-progress': true } }
    expect(
      concurrencyProblems([
        { where: 'deploy', workflow: deploy },
        { where: 'other', workflow: split },
      ]),
    ).toEqual([
      'other: writes to a pool with cancel-in-progress true; a cancelled apply stops half-way',
      'pool openmetadata: its writers use 2 groups (cognito-sso-openmetadata, elsewhere); they must share one',
    ])
    const { concurrency: _none, ...ungrouped } = deploy
    expect(concurrencyProblems([{ where: 'deploy', workflow: ungrouped }])).toEqual([
      "deploy: writes to a pool but has 0 concurrency groups; give it its pool's one group",
    ])
  })

  it("our CI joins no pool's group, and cancels superseded pull-request runs", () => {
    const ci = parse(read('.github/workflows/ci.yml')) as Workflow
    const [group] = groupsOf(ci)
    expect(group?.group).toBe('ci-${{ github.event.pull_request.number || github.ref }}')
    expect(group?.cancelInProgress).toBe("${{ github.event_name == 'pull_request' }}")
    // it runs the action against a local Cognito only: no pool's group, where it would queue behind deploys
    const writeGroups = EXAMPLES.filter((e) => writes(e.workflow)).flatMap((e) => groupsOf(e.workflow).map((g) => g.group))
    expect(writeGroups).not.toContain(group?.group)
  })
})
