// The port over the SDK client: every call wrapped so that a failure names the operation, the resource
// and what the user can do; "not found" becomes undefined where asked; answers are shape-checked; calls
// are paced to AWS's request-rate quotas (pace.ts), whichever resource makes them.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { AwsCallError, OutcomeUnknownError, ShapeError } from './errors.js'
import { COMMANDS, CREATES, LISTS, PACE } from './operations.js'
import { Pacer } from './pace.js'
import type { Answer, CognitoPort, Input, ListOperation, Lists, MemberPath, Operation } from './port.js'

const NOT_FOUND = 'ResourceNotFoundException'

export class Cognito implements CognitoPort {
  constructor(
    readonly client: CognitoIdentityProviderClient,
    private readonly pacer: Pacer = new Pacer({ paceOf: (operation) => PACE[operation as Operation] }),
  ) {}

  async call<O extends Operation, R extends MemberPath<O> = never>(
    operation: O,
    input: Input<O>,
    resource: string,
    requires: readonly R[] = [],
  ): Promise<Answer<O, R>> {
    try {
      return await this.send(operation, input, requires)
    } catch (error) {
      throw new AwsCallError(operation, resource, error)
    }
  }

  async find<O extends Operation, R extends MemberPath<O> = never>(
    operation: O,
    input: Input<O>,
    resource: string,
    requires: readonly R[] = [],
  ): Promise<Answer<O, R> | undefined> {
    try {
      return await this.send(operation, input, requires)
    } catch (error) {
      if (error instanceof Error && error.name === NOT_FOUND) return undefined
      throw new AwsCallError(operation, resource, error)
    }
  }

  async list<L extends ListOperation>(
    operation: L,
    input: Lists[L]['input'],
    resource: string,
    options: { notFound?: 'empty' } = {},
  ): Promise<Lists[L]['item'][]> {
    const { paginate, items, pageSize } = LISTS[operation]
    try {
      const all: Lists[L]['item'][] = []
      // A token given twice would page forever (the SDK's paginator follows it): refused, never a silent partial list.
      const tokens = new Set<string>()
      for await (const page of paginate({ client: this.client, pageSize }, { ...input })) {
        const found = page[items]
        if (!Array.isArray(found)) throw new ShapeError(operation, items)
        all.push(...(found as Lists[L]['item'][]))
        const token = page.NextToken ?? page.PaginationToken
        if (typeof token === 'string' && token !== '') {
          if (tokens.has(token)) throw new ShapeError(operation, 'a NextToken it had not given before (its pages would never end)')
          tokens.add(token)
        }
      }
      return all
    } catch (error) {
      if (options.notFound === 'empty' && error instanceof Error && error.name === NOT_FOUND) return []
      throw new AwsCallError(operation, resource, error)
    }
  }

  private async send<O extends Operation, R extends MemberPath<O>>(operation: O, input: Input<O>, requires: readonly R[]): Promise<Answer<O, R>> {
    // A new command per attempt: a command's middleware is resolved when it is sent.
    const command = (): Parameters<CognitoIdentityProviderClient['send']>[0] =>
      new COMMANDS[operation](input) as Parameters<CognitoIdentityProviderClient['send']>[0]
    const answer = (await this.pacer.run(operation, () => this.client.send(command()))) as unknown as Record<string, unknown> | undefined
    for (const path of requires) {
      if (valueAt(answer, path) === undefined || valueAt(answer, path) === '') {
        // A 200 without what the operation promises: for a create, it may or may not have been done.
        const shape = new ShapeError(operation, path)
        throw CREATES.includes(operation) ? new OutcomeUnknownError(shape) : shape
      }
    }
    return answer as Answer<O, R>
  }
}

/** The value at a dotted path; null counts as missing. */
function valueAt(value: unknown, path: string): unknown {
  let node = value
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node === null ? undefined : node
}
