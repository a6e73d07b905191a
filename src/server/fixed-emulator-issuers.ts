import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';

/**
 * Makes botframework-connector's process-wide list of Emulator and skill token issuers fixed:
 * `EmulatorValidation.isTokenFromEmulator` (4.23.3) pushes four issuers built from the unverified
 * `tid` of every bearer token it decodes, before any signature check, so any caller could grow
 * it without end. Teams sends channel tokens only, whose issuer is not in that list either way.
 *
 * The list keeps its entries and is frozen; `push` answers without adding (rather than throwing,
 * which the frozen list would do), so a token that carries a `tid` — a channel token included —
 * is still judged by the library as before, against the fixed entries. Idempotent.
 *
 * @returns the fixed list
 */
export function fixEmulatorIssuers(): readonly string[] {
  const parameters = ToBotFromBotOrEmulatorTokenValidationParameters;
  const current = parameters.issuer;
  if (Array.isArray(current) && Object.isFrozen(current)) return current;
  const fixed: string[] = Array.isArray(current) ? [...current] : current ? [current] : [];
  Object.defineProperty(fixed, 'push', { value: () => fixed.length });
  Object.freeze(fixed);
  // Not writable either: nothing can put a growing list back.
  Object.defineProperty(parameters, 'issuer', { value: fixed, enumerable: true, writable: false, configurable: false });
  return fixed;
}
