/**
 * What one Slack message may hold, as Slack counts it (code points). The descriptor hands these to
 * the config (programme checks); the renderers measure every message against them before sending.
 */
export const SLACK_LIMITS = {
  /** A header block's plain text. */
  headerChars: 150,
  /** A section's text (and, here, any one text element). */
  sectionChars: 3000,
  blocks: 50,
  /** All text in a message's blocks together: past it Slack answers `msg_blocks_too_long`. */
  blockTextChars: 12_000,
  /** The top-level `text`: past it Slack answers `msg_too_long`. */
  textChars: 40_000,
} as const;

/** Slack's answers that refuse a body for its size: permanent for that body, a shorter one may pass. */
export const TOO_LONG = new Set(['msg_too_long', 'msg_blocks_too_long']);
