export class UsageError extends Error {}

export const USAGE: Record<string, string> = {
  main: `Usage: wolbot <command> [options]

Commands:
  check [--config FILE]                          validate the config and programme; list every day per channel
  post --day N [--channel PLATFORM:ID] [--again] post day N now (skips channels that have it unless --again)
  export [--format json|csv|md] [--day N]        the collected threads (json by default)
  status                                         the programme, each channel's next post, what was posted/failed/skipped
  backup FILE                                    a consistent copy of the SQLite store, safe while the bot runs

Every command reads .env and the same config as the server (WOLBOT_CONFIG, default wolbot.yaml or the demo).
Add --help after a command for its options.`,
  check: `Usage: wolbot check [--config FILE]
Validates the organizer config and its programme. Prints every programme day for every channel:
theme, local date and time, UTC time, and whether it is past, posted, due or upcoming.
Exit 0 when valid; exit 1 with one line per problem (FILE:LINE: field: problem).`,
  post: `Usage: wolbot post --day N [--channel PLATFORM:ID] [--again]
Posts day N now to every active channel, or only to --channel (e.g. slack:C0123ABC).
A channel that already has day N is skipped with a note, unless --again.`,
  export: `Usage: wolbot export [--format json|csv|md] [--day N]
Prints the collected threads on stdout: json ({"posts": [...]}), csv (one row per reply) or md (a report by day).`,
  status: `Usage: wolbot status
Prints the programme, each channel's next post, and what was posted, failed or skipped.`,
  backup: `Usage: wolbot backup FILE
Writes a consistent copy of the SQLite store to FILE while the bot keeps running (PostgreSQL: use pg_dump).`,
};
