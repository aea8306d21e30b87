/**
 * What one Teams message may hold. The descriptor hands these to the config; the renderers measure
 * every activity against them before sending.
 */
export const TEAMS_LIMITS = {
  /** A prompt's words together (UTF-8): the conservative check of a programme at load time. */
  messageBytes: 28 * 1024,
  /**
   * The request body as sent, counted as UTF-16: Teams refuses about 100 KB with `413
   * MessageSizeTooBig` and recommends staying within 80 KB.
   */
  bodyUtf16Bytes: 80_000,
} as const;

/** Room left for what the connector adds around our activity (ids, channel data, the bot). */
export const ENVELOPE_BYTES = 4_000;

/** Teams' answer to a body that is too big: permanent for that body, a shorter one may pass. */
export const TOO_BIG_STATUS = 413;
