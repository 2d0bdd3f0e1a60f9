// token-validity: access and ID tokens may not outlive the refresh token (AWSB-222), checked in the plan.
import { describe, expect, it } from 'vitest'
import { tokenOrderProblems } from '../../../src/resources/client/settings.js'

const H = 3600
const D = 86400

describe('token-validity order (AWSB-222)', () => {
  it('access=1d, id=1d, refresh=60m on a new client: refused, naming both and the fix', () => {
    expect(tokenOrderProblems({ access: D, id: D, refresh: H }, undefined, 'openmetadata')).toEqual([
      'token-validity: access=1d and id=1d are longer than refresh=1h; Cognito refuses access and ID tokens that outlive the refresh token; shorten access and id or set refresh=1d or longer',
    ])
  })

  it('the lifetimes the input leaves out come from the client, or from Cognito’s defaults on create (60m, 60m, 30d)', () => {
    expect(tokenOrderProblems({ refresh: H }, { access: 2 * H, id: H, refresh: 30 * D }, 'app')).toEqual([
      "token-validity: access=2h (app client 'app' has it) is longer than refresh=1h; Cognito refuses access and ID tokens that outlive the refresh token; shorten access or set refresh=2h or longer",
    ])
    expect(tokenOrderProblems({ refresh: H }, undefined, 'app')).toEqual([])
    expect(tokenOrderProblems({ access: D }, undefined, 'app')).toEqual([])
  })

  it('equal lifetimes are accepted; token-validity empty checks nothing', () => {
    expect(tokenOrderProblems({ access: H, id: H, refresh: H }, undefined, 'app')).toEqual([])
    expect(tokenOrderProblems(undefined, { access: D, id: D, refresh: H }, 'app')).toEqual([])
  })
})
