import { WolbotError } from '../core/ports/coded-error';

/** Line breaks (JavaScript's four) shown as escapes: a problem is always exactly one line. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;
const ESCAPE: Record<string, string> = { '\r\n': '\\r\\n', '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Every problem found in the environment or the config files, reported together, one line each. */
export class ConfigError extends WolbotError {
  readonly problems: string[];

  constructor(problems: string[]) {
    const lines = problems.map((p) => p.replace(LINE_BREAK, (m) => ESCAPE[m]!));
    super('config_invalid', lines.join('\n'));
    this.name = 'ConfigError';
    this.problems = lines;
  }
}
