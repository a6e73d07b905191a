/**
 * The buttons of the self-service and approval cards. A click carries ids and a revision; what the
 * person typed on the card (justification, deny reason, verification note) arrives beside them,
 * because Teams merges a card's inputs into the action's data.
 */
export const REQUEST_VERBS = [
  'fileRequest',
  'cancelMyRequest',
  'approveRequest',
  'denyRequest',
  'verifyIdentity',
  'hideShownPasscode',
] as const;
export type RequestVerb = (typeof REQUEST_VERBS)[number];

export type RequestCardAction =
  | { verb: 'fileRequest'; deviceId: string; justification: string }
  | { verb: 'cancelMyRequest'; requestId: string; revision: number }
  /** `method` and `note` are set on the approval of a removal (verified before Intune is called). */
  | { verb: 'approveRequest'; requestId: string; revision: number; method: string; note: string }
  | { verb: 'denyRequest'; requestId: string; revision: number; reason: string }
  | { verb: 'verifyIdentity'; requestId: string; revision: number; method: string; note: string }
  | { verb: 'hideShownPasscode'; deviceId: string };

/** The SSO token Teams attaches when it repeats an action after our loginRequest. */
export interface ClickAuthentication {
  id?: string;
  token: string;
}

export interface ParsedClick<T> {
  action: T;
  authentication?: ClickAuthentication;
}

const MAX_ID_LENGTH = 200;
/** Free text from a card is cut here; the domain applies its own (smaller) limits and says so. */
const MAX_TEXT_LENGTH = 1000;

/** The verb and data of an `adaptiveCard/action` value, with the SSO token if any; undefined when malformed. */
export function readExecute(value: unknown): { verb: string; data: Record<string, unknown>; authentication?: ClickAuthentication } | undefined {
  if (!isRecord(value) || !isRecord(value.action)) return undefined;
  const { type, verb, data } = value.action;
  if (type !== undefined && type !== 'Action.Execute') return undefined;
  if (typeof verb !== 'string' || !isRecord(data)) return undefined;
  const auth = value.authentication;
  const authentication =
    isRecord(auth) && typeof auth.token === 'string' && auth.token.length > 0
      ? { token: auth.token, id: typeof auth.id === 'string' ? auth.id : undefined }
      : undefined;
  return authentication ? { verb, data, authentication } : { verb, data };
}

/** A click on one of the request cards; undefined for anything not shaped exactly like one. */
export function parseRequestClick(value: unknown): ParsedClick<RequestCardAction> | undefined {
  const read = readExecute(value);
  if (!read || !(REQUEST_VERBS as readonly string[]).includes(read.verb)) return undefined;
  const verb = read.verb as RequestVerb;
  const { data } = read;
  let action: RequestCardAction;
  if (verb === 'fileRequest' || verb === 'hideShownPasscode') {
    if (!isId(data.deviceId)) return undefined;
    action = verb === 'fileRequest' ? { verb, deviceId: data.deviceId, justification: text(data.justification) } : { verb, deviceId: data.deviceId };
  } else {
    const { requestId, revision } = data;
    if (!isId(requestId) || !isRevision(revision)) return undefined;
    if (verb === 'denyRequest') action = { verb, requestId, revision, reason: text(data.denyReason) };
    else if (verb === 'verifyIdentity' || verb === 'approveRequest') action = { verb, requestId, revision, method: text(data.method), note: text(data.note) };
    else action = { verb, requestId, revision };
  }
  return read.authentication ? { action, authentication: read.authentication } : { action };
}

/** Typed text from an input: trimmed, bounded; anything else is empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, MAX_TEXT_LENGTH) : '';
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

export function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
