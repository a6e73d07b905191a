/**
 * A first look at what arrives on /api/messages, before botbuilder does anything with it. Teams
 * always sends a type, a conversation and a sender; anything without them is not an activity
 * and gets 400. Optional fields of the wrong type (a number for `aadObjectId`, an object for
 * `locale`) are dropped, so everything after this point may trust their types.
 */
export type InboundCheck = { ok: true } | { ok: false; problem: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Optional string fields, by where they sit: dropped when present with another type. */
const OPTIONAL_STRINGS: ReadonlyArray<readonly string[]> = [
  ['locale'],
  ['text'],
  ['name'],
  ['replyToId'],
  ['from', 'aadObjectId'],
  ['from', 'name'],
  ['conversation', 'tenantId'],
  ['conversation', 'conversationType'],
  ['recipient', 'name'],
];

export function checkInboundActivity(body: unknown): InboundCheck {
  if (!isRecord(body)) return { ok: false, problem: 'The body is not an activity.' };
  if (!isText(body.type)) return { ok: false, problem: 'The activity has no type.' };
  if (!isRecord(body.conversation) || !isText(body.conversation.id)) return { ok: false, problem: 'The activity has no conversation.' };
  if (!isText(body.serviceUrl)) return { ok: false, problem: 'The activity has no serviceUrl.' };
  if ((body.type === 'message' || body.type === 'invoke') && (!isRecord(body.from) || !isText(body.from.id))) {
    return { ok: false, problem: 'The activity has no sender.' };
  }
  for (const path of OPTIONAL_STRINGS) dropUnlessString(body, path);
  // Mentions and client info are read from `entities`: keep only a list of objects.
  if ('entities' in body) {
    if (!Array.isArray(body.entities)) delete body.entities;
    else body.entities = body.entities.filter(isRecord);
  }
  return { ok: true };
}

function dropUnlessString(body: Json, path: readonly string[]): void {
  let holder: unknown = body;
  for (const key of path.slice(0, -1)) holder = isRecord(holder) ? holder[key] : undefined;
  const last = path[path.length - 1]!;
  if (isRecord(holder) && last in holder && typeof holder[last] !== 'string') delete holder[last];
}
