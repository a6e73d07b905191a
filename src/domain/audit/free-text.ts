/**
 * Text people type that ends up in records and cards: reasons, ticket numbers, justifications,
 * notes. Cleaned the same way everywhere so a record never holds control characters or a
 * multi-line surprise, and bounded so a card or an audit row stays readable.
 */

/** Longest reason or ticket number an agent gives for a reset. */
export const MAX_RESET_REASON_LENGTH = 200;
/** Longest employee justification, deny reason or verification note. */
export const MAX_REQUEST_TEXT_LENGTH = 500;

/**
 * The text trimmed, with control characters dropped and runs of whitespace made one space;
 * `undefined` when nothing is left or when it is longer than `max` (the caller refuses it, since
 * cutting someone's reason silently would change what they said).
 */
export function cleanFreeText(text: unknown, max: number): string | undefined {
  if (typeof text !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b\u2060\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned === '' || cleaned.length > max) return undefined;
  return cleaned;
}
