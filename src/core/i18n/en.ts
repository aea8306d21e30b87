/**
 * Every word wolbot itself writes, in English (ICU MessageFormat; see catalogue.ts). English is
 * complete by definition: other languages fall back to it key by key.
 * ICU note: a `'` before `{` or `}` starts a quote; write ’ or avoid it there.
 */
export const en = {
  // The frame around a prompt (Slack blocks, Teams card, sandbox page).
  'frame.heading.daily': 'Day {n} · {theme}',
  'frame.heading.weekly': 'Week {n} · {theme}',
  'frame.challenge.daily': 'Today\'s challenge',
  'frame.challenge.weekly': 'This week\'s challenge',
  'frame.invite': 'Reply in this thread with your work in progress: a draft, a question, a half-made thing.',
  'frame.invite.private': 'Bring your thoughts to your circle\'s meeting; this thread is only a reminder.',
  'frame.footer': 'Replies here are gathered into the programme\'s gallery for everyone in the programme to see.',
  'frame.footer.private': 'wolbot does not collect, store or export replies in this thread.',
  'frame.link': 'Read more',

  // The daily (or weekly) digest in the prompt's thread: thanks by name, never a count of zero.
  'digest.title.daily': '{heading}: thank you',
  'digest.title.weekly': '{heading}: thank you',
  'digest.thanks.daily': 'Thank you, {names}, for working out loud today.',
  'digest.thanks.weekly': 'Thank you, {names}, for working out loud this week.',
  'digest.reactions': '{n, plural, one {# reaction} other {# reactions}}',
  'digest.replies': '{n, plural, one {# reply} other {# replies}}',
  'digest.responses': 'What got people talking',
  'digest.response': '{name}: {detail}',
  'digest.asks': 'Can you help?',
  'digest.ask': '{name} asked, and nobody has answered yet. If you know something that helps, reply in the thread.',
  'digest.quiet.daily': 'Quiet in here today, and that’s fine. Something small and unfinished on your desk? This thread is a good place for it.',
  'digest.quiet.weekly': 'Quiet in here this week, and that’s fine. Something small and unfinished on your desk? This thread is a good place for it.',
  'give.someone': 'a colleague',
  'give.link.view': 'View',

  // help
  'help.intro': 'wolbot runs the Working Out Loud programme in this chat. Reply in a prompt\'s thread with your work in progress; replies there are gathered into the programme\'s gallery.',
  'help.everyone': 'For everyone:',
  'help.admins': 'For admins:',
  'help.help': '`{p}help` — this list',
  'help.status': '`{p}status` — the programme and the next post of each channel',
  'help.forget': '`{p}forget me` — remove everything you wrote from wolbot\'s store',
  'help.post': '`{p}post [N|today] [here] [again]` — post day N (default today) to every channel, or only here; `again` posts it even if it was posted',
  'help.subscribe': '`{p}subscribe [TIMEZONE]` / `{p}unsubscribe` — add or remove this channel',
  'help.digest': '`{p}digest` — post the latest day\'s digest in this channel',
  'help.pause': '`{p}pause [all]` / `{p}resume [all]` — stop or restart posting here (or everywhere)',

  // Words the parser does not understand.
  'parse.noArgs': '`{word}` takes no other words',
  'parse.forgetMe': 'did you mean `forget me`?',
  'parse.post': '`post` does not understand "{w}": use `post [N|today] [here] [again]`',
  'parse.subscribe': '`subscribe` takes at most a timezone, e.g. `subscribe Europe/Berlin`',
  'parse.all': 'use `{word}` or `{word} all`',
  'parse.unknown': 'I don\'t know "{w}"',
  'parse.unknownQuiet': 'I don\'t know that word',
  'parse.postQuiet': '`post` takes a day number, `today`, `here` and `again`: use `post [N|today] [here] [again]`',

  // Command answers.
  'cmd.refused': 'Sorry, `{word}` is for the programme\'s admins, and you are not on the list. Nothing was changed. An organizer can add your id ({user}) to `admins` in the config.',
  'cmd.unknown': '{problem}. Nothing was changed.',
  'cmd.forget.done': 'Done: {n} of your replies and reactions were removed from wolbot\'s store.',
  'cmd.forget.none': 'wolbot holds nothing you wrote.',
  'cmd.post.noToday': 'There is no prompt for today ({date}). Say `{p}post N` with a day of the programme: {days}.',
  'cmd.post.noDay': 'The programme has no day {day}; its days are {days}. Nothing was posted.',
  'cmd.post.noChannels': 'There are no active channels to post to. Say `subscribe` in a channel first.',
  'cmd.post.error': 'Posting day {day} ran into an error: {error}. `status` shows what was posted.',
  'cmd.post.starting': 'Posting day {day} ({theme}) to {where}{again, select, yes {, again} other {}}…',
  'cmd.post.channels': '{n} channels',
  'cmd.unsubscribe.done': 'This channel is unsubscribed: no more posts here. `subscribe` brings it back.',
  'cmd.unsubscribe.not': 'This channel was not subscribed.',
  'cmd.subscribe.badZoneQuiet': 'That is not a timezone I know. Use an IANA name such as Europe/Berlin or America/New_York. Nothing was changed.',
  'cmd.subscribe.badZone': '"{zone}" is not a timezone I know. Use an IANA name such as Europe/Berlin or America/New_York. Nothing was changed.',
  'cmd.subscribe.updated': 'This channel was already subscribed; settings updated.',
  'cmd.subscribe.done': 'Subscribed: this channel will get the programme.',
  'cmd.subscribe.next': 'Next post: day {day} ({theme}) on {date} at {time} {zone}.',
  'cmd.subscribe.noMore': 'The programme has no more days to post.',
  'cmd.pause.none': 'This channel is not subscribed, so there is nothing to pause or resume.',
  'cmd.pause.scopeAll': 'all {n} channels',
  'cmd.pause.scopeHere': 'this channel',
  'cmd.pause.done': 'Paused {scope}: no posts until `{resume}`.',
  'cmd.resume.done': 'Resumed {scope}: posts continue at the next scheduled time.',
  'cmd.digest.none': 'Nothing has been posted in this channel yet, so there is no digest.',
  'cmd.digest.private': 'This programme gathers nothing, so there is no digest.',
  'cmd.digest.posted': 'Posted the digest of day {day} in its thread.',
  'cmd.digest.already': 'The digest of day {day} is already in its thread; a thread gets one digest.',
  'cmd.digest.state': 'The digest of day {day} was not posted: {state}{reason}.',
  'cmd.digest.retry': 'The digest of day {day} is not posted yet ({reason}); it will be retried.',
  'cmd.digest.lost': 'Another process took the digest of day {day} over.',

  // What happened to a manual post (chat and CLI).
  'post.sent': 'Day {day} posted in {n, plural, one {# channel} other {# channels}}: {where}.',
  'post.already': '{where}: day {day} was already posted{when}. Say `{hint}` to post it again.',
  'post.alreadyWhen': ' at {time} ({zone})',
  'post.alreadyState': '{where}: day {day} is already {state}{reason}. Say `{hint}` to post it again.',
  'post.retry': '{where}: not posted yet ({reason}); it will be retried.',
  'post.failed': '{where}: failed — {reason}.',
  'post.uncertain': '{where}: uncertain — {reason}.',
  'post.lost': '{where}: another process took this post over.',
  'post.none': 'There are no active channels to post to.',

  // status
  'status.programme': 'Programme: {title} ({id}), day 1 = {start}, days {days}, posts at {time} {zone} unless a channel says otherwise',
  'status.noChannels': 'No channels yet: add some to the config or say `subscribe` in a channel.',
  'status.inactive': 'inactive: {reason}',
  'status.unsubscribed': 'unsubscribed',
  'status.paused': 'paused',
  'status.notConfigured': '{platform} is not configured',
  'status.next': 'next: day {day} {theme} at {date} {time} {zone} ({utc})',
  'status.nextNone': 'next: none',
  'status.posted': 'day {day} {theme}: posted {at}',
  'status.again': ' (again, round {round})',
  'status.problem': 'day {day} {theme}: {state}{reason}',
  'status.nextTry': ' (next try {at})',
  'status.digest.posted': 'digest: posted {at}',
  'status.digest.problem': 'digest: {state}{reason}',
  'status.planned': 'day {day} {theme}: {state} {date} {time}',
  'status.state':
    '{state, select, past {past} posted {posted} due {due} upcoming {upcoming} failed {failed} skipped {skipped} retrying {retrying} retry {retrying} sending {sending} claimed {sending} recovering {being checked} sent {posted} uncertain {uncertain} other {{state}}}',

  // Words only an adapter knows when to say (see ChatPhrase in ports/inbound.ts).
  'chat.working': 'Working on it…',
  'chat.failedNow': 'Sorry, that did not work just now. Please try again in a minute.',
  'chat.failedLater': 'Sorry, that did not work. The organizers can find the details in the logs.',
  'chat.otherCommand': 'This app answers `{command}` only. Nothing was changed.',
  'chat.notMember': 'wolbot is not a member of {where} yet, so it cannot post here. Add it with `/invite @wolbot` in {where}, then run `/wol subscribe` again.',
  'chat.thisChannel': 'this channel',
  'chat.greeting': 'Hello, I\'m wolbot: I run Working Out Loud programmes here. Each day I post the day\'s theme and a small challenge, and the replies under it become the week\'s shared work in progress. An organizer starts it in a channel with **@wolbot subscribe** (or **@wolbot subscribe Europe/Berlin** for another timezone); **@wolbot help** lists every command.',
  'chat.channelOnly': '`{word}` only works in a team channel, not in a chat: @mention me in the channel you mean, e.g. **@wolbot {example}**. Here you can use `help`, `status`, `post N`, `pause all` and `resume all`. Nothing was changed.',

  // Private notes to the organizers when a post fails.
  'notice.failed': 'wolbot could not post {kind, select, digest {the digest of day {day}} kickoff {the kick-off} wrapup {the wrap-up} other {day {day}}} in {where}: {reason}. {advice}',
  'notice.uncertain': 'wolbot is not sure whether {kind, select, digest {the digest of day {day}} kickoff {the kick-off} wrapup {the wrap-up} other {day {day}}} reached {where} ({reason}). It will not post it again by itself: look in the channel{kind, select, prompt {, and if it is missing say `post {day} here again`} other {}}.',
  'advice.invite': 'Invite the bot to the channel again, then say `post N here` to send the missed day.',
  'advice.archived': 'The channel is archived: unarchive it and subscribe again, or remove it from the config.',
  'advice.notFound': 'The channel no longer exists or the bot cannot see it: check the channel id in the config.',
  'advice.auth': 'The app lost its access to the workspace: reinstall it and check the tokens in .env.',
  'advice.other': 'Check the channel and the bot, then say `post N here` to send the missed day.',
} as const;

export type MessageKey = keyof typeof en;
