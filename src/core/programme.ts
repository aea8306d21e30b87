/** A programme as read from schedules/*.yaml (validated by src/config/programme-file.ts). */
export interface Prompt {
  /** 1 = the start date, 2 = the day after, … (a weekly series uses 1, 8, 15, …). */
  day: number;
  theme: string;
  text: string;
  challenge: string;
  /** A URL shown with the prompt (e.g. the official guide of the week): link, never copy. */
  link?: string;
  /** The line under this day's challenge when the programme's invitation does not fit its task; null: no line. */
  footer?: string | null;
}

export type Cadence = 'daily' | 'weekly';
/** Frame words an organizer may override (`labels:` in the programme file). */
export const FRAME_LABELS = ['heading', 'challenge', 'invite', 'link'] as const;
export type FrameLabel = (typeof FRAME_LABELS)[number];

export interface Programme {
  /** The id used in the ledger: the file's base name (e.g. `wol-week`). */
  id: string;
  title: string;
  /** Appended to every prompt: says whether replies are gathered into the gallery. */
  footer: string;
  prompts: Prompt[];
  /** BCP 47 tag; picks the message catalogue (default `en`). */
  language?: string;
  /** `daily` (default) says "Day 3" and "today"; `weekly` says "Week 2" and "this week". */
  cadence?: Cadence;
  /** Overrides of frame words. `heading` is an ICU pattern with {n} and {theme}. */
  labels?: Partial<Record<FrameLabel, string>>;
  /** The kick-off text, if the programme brings its own. */
  intro?: string;
  /** false: a circle companion — replies are not collected, exported, digested or shown. */
  gather?: boolean;
}

export function promptForDay(p: Programme, day: number): Prompt | undefined {
  return p.prompts.find((x) => x.day === day);
}

/** Does this programme collect replies? (A circle companion does not.) */
export function gathers(p: Pick<Programme, 'gather'>): boolean {
  return p.gather !== false;
}
