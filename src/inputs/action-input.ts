// An action input as the runner gives it (the environment variable INPUT_<NAME>), read exactly as
// @actions/core's getInput(name) reads it without options: the name's spaces become underscores and it is
// upper-cased (hyphens kept), a missing or empty variable is '', the value is trimmed. main.ts reads the
// inputs this way so that the first AWS request does not wait for @actions/core to load;
// __tests__/inputs/action-input.test.ts compares both on tricky names and values.
export function actionInput(env: NodeJS.ProcessEnv): (name: string) => string {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}
