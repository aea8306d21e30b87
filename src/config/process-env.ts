/**
 * The one read of `process.env`: entry points take the environment from here and pass it on, so
 * everything below them (and every test) works on a plain object it was given.
 */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}
