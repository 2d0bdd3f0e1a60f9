// Pacing (src/aws/pace.ts): AWS's rates per operation, a bound on calls in flight, throttling tried again
// with backoff within a budget; operations without a pace go at once. Time is the test's (a fake clock).
import { describe, expect, it } from 'vitest'
import { PACE } from '../../src/aws/operations.js'
import { Pacer, isThrottling, type Pace } from '../../src/aws/pace.js'

/** A clock that moves only when someone sleeps; every start is recorded with the time it happened. */
function fakeTime() {
  let now = 0
  const sleeps: number[] = []
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      now += ms
      await Promise.resolve()
    },
    sleeps,
    get at() {
      return now
    },
  }
}

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' })

function pacer(pace: Pace | undefined, time = fakeTime(), budgetMs = 60_000) {
  return { time, p: new Pacer({ paceOf: () => pace, now: time.now, sleep: time.sleep, random: () => 0.5, budgetMs }) }
}

describe('Pacer', () => {
  it('an operation without a pace is sent at once, never queued', async () => {
    const { p, time } = pacer(undefined)
    const starts: number[] = []
    await Promise.all(Array.from({ length: 50 }, () => p.run('DescribeUserPool', () => Promise.resolve(void starts.push(time.at)))))
    expect(starts).toEqual(Array(50).fill(0))
    expect(time.sleeps).toEqual([])
  })

  it('5 a second: the first five at once (a burst of one second), then one every 200 ms', async () => {
    const { p, time } = pacer({ perSecond: 5, inFlight: 100 })
    const starts: number[] = []
    await Promise.all(Array.from({ length: 12 }, () => p.run('CreateIdentityProvider', () => Promise.resolve(void starts.push(time.at)))))
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0])
    expect(starts[11]).toBeGreaterThanOrEqual(1400)
    expect(starts[5]).toBeGreaterThanOrEqual(200)
  })

  it('at most inFlight at once; the rest wait their turn in order', async () => {
    const { p } = pacer({ perSecond: 1000, inFlight: 3 })
    let active = 0
    let most = 0
    const order: number[] = []
    const release: (() => void)[] = []
    const runs = Array.from({ length: 7 }, (_, i) =>
      p.run('AdminCreateUser', async () => {
        active++
        most = Math.max(most, active)
        order.push(i)
        await new Promise<void>((r) => release.push(r))
        active--
      }),
    )
    for (let k = 0; k < 7; k++) {
      await new Promise((r) => setTimeout(r, 1))
      release.shift()?.()
    }
    await Promise.all(runs)
    expect(most).toBe(3)
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('a throttled call is sent again after a backoff, and its answer returned', async () => {
    const { p, time } = pacer({ perSecond: 5, inFlight: 5 })
    let tries = 0
    const answer = await p.run('CreateIdentityProvider', () => (++tries < 4 ? Promise.reject(throttled()) : Promise.resolve('created')))
    expect(answer).toBe('created')
    expect(tries).toBe(4)
    // random() = 0.5: half of 200 ms × 2^attempt each time (full jitter), never more than 5 s.
    expect(time.sleeps.filter((ms) => ms >= 100)).toEqual([200, 400, 800])
  })

  it('throttled for longer than the budget: the last refusal is thrown', async () => {
    const { p } = pacer({ perSecond: 5, inFlight: 5 }, fakeTime(), 10_000)
    let tries = 0
    await expect(
      p.run('CreateIdentityProvider', () => {
        tries++
        return Promise.reject(throttled())
      }),
    ).rejects.toThrow('Rate exceeded')
    expect(tries).toBeGreaterThan(3)
    expect(tries).toBeLessThan(20)
  })

  it('any other failure is thrown at once, and frees its place', async () => {
    const { p } = pacer({ perSecond: 5, inFlight: 1 })
    await expect(p.run('CreateIdentityProvider', () => Promise.reject(new Error('InvalidParameterException')))).rejects.toThrow('InvalidParameter')
    await expect(p.run('CreateIdentityProvider', () => Promise.resolve('next'))).resolves.toBe('next')
  })

  it('throttling is AWS’s code or the SDK’s classification', () => {
    expect(isThrottling(throttled())).toBe(true)
    expect(isThrottling({ name: 'ThrottlingException', $retryable: { throttling: true } })).toBe(true)
    expect(isThrottling(new Error('x'))).toBe(false)
    expect(isThrottling(undefined)).toBe(false)
  })

  it('LimitExceededException (a count limit, AWSB-200) is thrown at once, never sent again', async () => {
    const { p, time } = pacer({ perSecond: 5, inFlight: 1 })
    let sends = 0
    const limit = Object.assign(new Error('The user pool has reached its limit of 25 resource servers.'), {
      name: 'LimitExceededException',
      $retryable: { throttling: true },
    })
    await expect(p.run('CreateResourceServer', () => (sends++, Promise.reject(limit)))).rejects.toBe(limit)
    expect(sends).toBe(1)
    expect(time.sleeps).toEqual([])
    expect(isThrottling(limit)).toBe(false)
  })

  it('the table: the per-pool operations at 5 a second, invitations at 50; the pool, client and domain unpaced', () => {
    expect(PACE.CreateIdentityProvider).toEqual({ perSecond: 5, inFlight: 5 })
    expect(PACE.DescribeIdentityProvider).toEqual({ perSecond: 5, inFlight: 5 })
    expect(PACE.CreateResourceServer).toEqual({ perSecond: 5, inFlight: 5 })
    expect(PACE.CreateGroup).toEqual({ perSecond: 5, inFlight: 5 })
    expect(PACE.AdminCreateUser).toEqual({ perSecond: 50, inFlight: 10 })
    for (const op of ['DescribeUserPool', 'CreateUserPool', 'UpdateUserPool', 'DescribeUserPoolClient', 'CreateUserPoolDomain'] as const) {
      expect(PACE[op], op).toBeUndefined()
    }
  })
})
