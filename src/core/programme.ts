/** A programme as read from schedules/*.yaml (validated by src/config.ts). */
export interface Prompt {
  /** 1 = the start date, 2 = the day after, … (a weekly series uses 1, 8, 15, …). */
  day: number;
  theme: string;
  text: string;
  challenge: string;
}

export interface Programme {
  /** The id used in the ledger: the file's base name (e.g. `wol-week`). */
  id: string;
  title: string;
  /** Appended to every prompt: says replies are gathered into the gallery. */
  footer: string;
  prompts: Prompt[];
}

export function promptForDay(p: Programme, day: number): Prompt | undefined {
  return p.prompts.find((x) => x.day === day);
}
