/**
 * wolbot's one error type with a code (as bolt-js's CodedError): callers decide on `code`, never on
 * the message text, which stays free to say things clearly and to change.
 * - config_invalid: the environment or a config/programme file is wrong (exit 1, one line a problem).
 * - usage: a command line or chat command was used wrongly (the CLI exits 2).
 * - platform_unavailable: a platform could not be reached or started. platform_delivery: a send
 *   failed (DeliveryError says how).
 * - store_unavailable: the store could not be opened or does not answer.
 * - auth_refused: a request's credentials were missing, forged or could not be checked.
 */
export type ErrorCode = 'config_invalid' | 'usage' | 'platform_unavailable' | 'platform_delivery' | 'store_unavailable' | 'auth_refused';

export class WolbotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WolbotError';
    this.code = code;
  }
}

/** Whether `err` is a WolbotError (with that code, when one is given). */
export function hasCode<C extends ErrorCode>(err: unknown, code?: C): err is WolbotError & { code: C } {
  return err instanceof WolbotError && (code === undefined || err.code === code);
}
