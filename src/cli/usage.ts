import { WolbotError } from '../core/ports/coded-error';

/** A command line used wrongly: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends WolbotError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

export const USAGE: Record<string, string> = {
  main: `Usage: wolbot <command> [options]

Commands:
  check [--config FILE]                          validate the config and programme; list every day per channel
  post N [--channel PLATFORM:ID] [--programme ID] [--again]
                                                 post day N now (skips channels that have it unless --again); --day N works too;
                                                 in a weekly programme N is the week: post 2 = post week 2 (day 8)
  export [--format json|csv|md] [--day N] [--run START]
                                                 the collected threads of the current run, or of the run started on START
  status [--run START]                           each programme's run, each channel's next post, what was posted/failed/skipped
  preview kickoff|day N|week N|digest [N]|wrapup [--programme ID] [--channel PLATFORM:ID]
                                                 print a message as that channel would get it (its language, zone,
                                                 the platform's rendering; sample people in digests); sends nothing
  channels remove PLATFORM:ID                    forget a channel nobody wants any more (not one in the config)
  backup FILE                                    a consistent copy of the SQLite store, safe while the bot runs
  introduce [--programme ID]                     introduce opted-in people whose shares overlap (those due now)
  circles [--programme ID]                       form circles of 4–5 from the people who said "circle join"

Every command reads .env and the same config as the server (WOLBOT_CONFIG, default wolbot.yaml or the demo).
Add --help after a command for its options.`,
  check: `Usage: wolbot check [--config FILE]
Validates the organizer config and its programme. Prints every programme day for every channel:
theme, local date and time (after days: and skip:), UTC time, and whether it is past, posted, due or upcoming.
Only reads: it never creates or changes the store (it reads it when it exists).
Exit 0 when valid; exit 1 with one line per problem (FILE:LINE: field: problem).`,
  post: `Usage: wolbot post N [--channel PLATFORM:ID] [--programme ID] [--again]   (or post --day N …, post week N …)
In a weekly programme N is the week, as its posts say: post 2 (or post week 2) posts week 2, which is day 8;
--day N always names the day. Posts day N of the current run now to every active channel of the programme, or only to --channel
(e.g. slack:C0123ABC). With several programmes in the config, say which with --programme ID.
A channel that already has day N in this run is skipped with a note, unless --again.`,
  export: `Usage: wolbot export [--format json|csv|md] [--day N] [--run START]
Prints the collected threads on stdout: json ({"posts": [...]}), csv (one row per reply) or md (a report by day).
Without --run: each programme's current run; --run START (a start date, or a run id like wol-week@2026-11-16) a past one.`,
  status: `Usage: wolbot status [--run START]
Prints each programme's current run (or the run started on START), each channel's next post, and what was posted, failed or skipped.`,
  channels: `Usage: wolbot channels remove PLATFORM:ID
Forgets a channel nobody wants any more (e.g. one a draft config named): it gets no posts and is no longer listed.
A channel in the config is kept: remove it there. What it posted stays in exports of its runs.`,
  preview: `Usage: wolbot preview kickoff | day N | week N | digest [N] | wrapup [--programme ID] [--channel PLATFORM:ID]
Prints a message as a channel would get it, without sending anything: in its programme's language
and labels, at its zone and time, in the platform's text rendering (Slack mrkdwn, the Teams card's
text, plain text for the sandbox). Digests and wrap-ups show sample people, never real replies.
The kick-off goes out once day 1 is less than 7 days away (or right before the first prompt); the
wrap-up after the last day's digest. Without --channel: the programme's first channel.
week N: in a weekly programme, the week (week 2 = day 8); digest N counts as the programme does.
With several programmes, say which with --programme ID or --channel.`,
  backup: `Usage: wolbot backup FILE
Writes a consistent copy of the SQLite store to FILE while the bot keeps running (PostgreSQL: use pg_dump).`,
  introduce: `Usage: wolbot introduce [--programme ID]
Introduces people who said "connect on" and whose shares in the current run overlap, a pair in a
conversation of its own: never the same pair twice in a run, at most one new introduction a person a day.`,
  circles: `Usage: wolbot circles [--programme ID]
Forms circles of 4–5 from the people who said "circle join" in the current run, by time zone, and opens a
conversation for each with a welcome. Nobody is in two circles; those left over join a nearby circle or wait.`,
};
