// The shapes the page reads from /v1 (the server's JSON, as the routes in src/http/api write it).
// Only what the page uses is named; the server may send more.

export interface ExportReply {
  id: string;
  user: string;
  name?: string | null;
  text: string;
  at: string;
  reactions: number;
  editedAt?: string | null;
  files?: string[];
  links?: string[];
}

export interface ExportPost {
  platform: string;
  channel: string;
  day: number;
  theme: string;
  postedAt: string;
  thread: string;
  reactions: number;
  replies: ExportReply[];
}

export interface ExportDoc {
  posts: ExportPost[];
}

export interface DayState {
  day: number;
  theme?: string;
  utc: string;
  state: string;
  reason?: string | null;
  postedAt?: string | null;
}

export interface StatusChannel {
  channel: string;
  name?: string | null;
  source: string;
  platform: string;
  id: string;
  timezone: string;
  time: string;
  active: boolean;
  paused?: boolean;
  inactiveReason?: string | null;
  platformOn: boolean;
  days: DayState[];
}

export interface ScheduleDay {
  day: number;
  theme: string;
  date: string;
}

/** The first programme, in the single-programme shape (`run` is the run's id). */
export interface FirstProgramme {
  id?: string;
  title: string;
  days: number[];
  start: string;
  time: string;
  timezone: string;
  run: string;
  /** `weekly`: the page names days by their week. */
  cadence?: string;
  schedule?: ScheduleDay[];
}

export interface ProgrammeEntry {
  id: string;
  title: string;
  run: { id: string; start: string };
  current?: boolean;
  timezone: string;
  time: string;
  cadence?: string;
  schedule?: ScheduleDay[];
  days?: number[];
  start?: string;
  channels: StatusChannel[];
}

export interface StatusDoc {
  programme: FirstProgramme;
  channels: StatusChannel[];
  programmes?: ProgrammeEntry[];
}

export interface RunEntry {
  id: string;
  programme: string;
  start: string;
  current: boolean;
}

export interface StatsDoc {
  people: number;
  shares: number;
  returning: number;
  firstTime: number;
  days: { day: number; theme: string; shares: number; people: number }[];
  channels: { platform: string; channel: string; name: string; shares: number; people: number }[];
}

export interface SummaryLinkDoc {
  url?: string;
  label?: string;
}

export interface SummaryBody {
  title?: string;
  intro?: string[];
  sections?: { heading?: string; lines?: { text?: string; quote?: string; link?: SummaryLinkDoc }[] }[];
  links?: SummaryLinkDoc[];
  text?: string;
}

export interface PromptBody {
  day?: number;
  theme?: string;
  heading?: string;
  text?: string;
  challenge?: string;
  challengeLabel?: string;
  invite?: string;
  footer?: string;
  link?: SummaryLinkDoc;
}

/** One sandbox message; `body` is the message's own JSON (a prompt, a reply's text, a summary…). */
export interface LocalMessage {
  id: string;
  channelId: string;
  threadId?: string | null;
  kind: string;
  user: string;
  at: string;
  body?: unknown;
}

export interface LocalMessages {
  messages: LocalMessage[];
}

/** One Day 1 offer of someone who said `connect on` (GET /v1/offers); `name` is null when the store has none. */
export interface Offer {
  name: string | null;
  platform: string;
  text: string;
  at: string;
}

export interface OffersDoc {
  run: string;
  offers: Offer[];
}
