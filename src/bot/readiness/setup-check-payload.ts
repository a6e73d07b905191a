/** The verbs of the setup check's cards. Their data carries nothing but the group the admin typed. */
export const SETUP_CHECK_VERBS = ['runSetupCheck', 'reviewPinRecoveryPolicy', 'createPinRecoveryPolicy'] as const;
export type SetupCheckVerb = (typeof SETUP_CHECK_VERBS)[number];

export interface SetupCheckAction {
  verb: SetupCheckVerb;
  /** The Input.Text of the confirmation card (createPinRecoveryPolicy). */
  groupName?: string;
  /** The SSO token Teams attaches when it repeats an action after a loginRequest. */
  authToken?: string;
}

const MAX_GROUP_LENGTH = 256;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isVerb = (value: unknown): value is SetupCheckVerb => typeof value === 'string' && (SETUP_CHECK_VERBS as readonly string[]).includes(value);

/** An `adaptiveCard/action` value for one of our verbs, checked; undefined for anything else. */
export function parseSetupCheckInvoke(value: unknown): SetupCheckAction | undefined {
  if (!isRecord(value) || !isRecord(value.action)) return undefined;
  const { type, verb, data } = value.action;
  if (type !== undefined && type !== 'Action.Execute') return undefined;
  if (!isVerb(verb)) return undefined;
  const action: SetupCheckAction = { verb };
  const group = isRecord(data) ? data.groupName : undefined;
  if (typeof group === 'string') action.groupName = group.slice(0, MAX_GROUP_LENGTH);
  const auth = value.authentication;
  if (isRecord(auth) && typeof auth.token === 'string' && auth.token.length > 0) action.authToken = auth.token;
  return action;
}
