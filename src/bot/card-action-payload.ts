/** The verbs our cards' Action.Execute buttons carry. */
export const CARD_VERBS = ['chooseUser', 'chooseDevice', 'confirm', 'cancel', 'hidePasscode'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

/** A checked card click: only ids and a revision; everything else is looked up server-side. */
export type CardAction =
  | { verb: 'chooseUser'; flowId: string; revision: number; userId: string }
  | { verb: 'chooseDevice'; flowId: string; revision: number; deviceId: string }
  /** `reason`: the agent's reason or ticket number, typed on the confirmation card (may be empty). */
  | { verb: 'confirm'; flowId: string; revision: number; reason: string }
  | { verb: 'cancel' | 'hidePasscode'; flowId: string; revision: number };

/** The SSO token Teams attaches when it repeats an action after our loginRequest. */
export interface CardActionAuthentication {
  id?: string;
  token: string;
}

export interface ParsedCardInvoke {
  action: CardAction;
  authentication?: CardActionAuthentication;
}

const MAX_ID_LENGTH = 200;
/** Typed text is cut here; the domain applies its own, smaller limit and says so. */
const MAX_TYPED_LENGTH = 1000;

/**
 * Reads an `adaptiveCard/action` invoke value. Anything not shaped exactly like one of our
 * buttons (forged, truncated, from another app's card) is undefined.
 */
export function parseCardInvoke(value: unknown): ParsedCardInvoke | undefined {
  if (!isRecord(value) || !isRecord(value.action)) return undefined;
  const { type, verb, data } = value.action;
  if (type !== undefined && type !== 'Action.Execute') return undefined;
  if (!isVerb(verb) || !isRecord(data)) return undefined;
  const { flowId, revision } = data;
  if (!isId(flowId) || !isRevision(revision)) return undefined;

  let action: CardAction;
  switch (verb) {
    case 'chooseUser':
      if (!isId(data.userId)) return undefined;
      action = { verb, flowId, revision, userId: data.userId };
      break;
    case 'chooseDevice':
      if (!isId(data.deviceId)) return undefined;
      action = { verb, flowId, revision, deviceId: data.deviceId };
      break;
    case 'confirm':
      action = { verb, flowId, revision, reason: typedText(data.reason) };
      break;
    default:
      action = { verb, flowId, revision };
  }

  const parsed: ParsedCardInvoke = { action };
  const auth = value.authentication;
  if (isRecord(auth) && typeof auth.token === 'string' && auth.token.length > 0) {
    parsed.authentication = { token: auth.token, id: typeof auth.id === 'string' ? auth.id : undefined };
  }
  return parsed;
}

/** What the agent typed into an input of the card: trimmed and bounded; anything else is empty. */
function typedText(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, MAX_TYPED_LENGTH) : '';
}

function isVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (CARD_VERBS as readonly string[]).includes(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isRevision(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
