import type { Activity, ChannelAccount, ConversationAccount, ConversationReference } from 'botbuilder';

/**
 * Where a conversation is, reduced to plain JSON that is safe to store with a flow or a pending
 * sign-in: ids and the service URL only, never message text or a token.
 */
export interface StoredConversationReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean };
  bot: { id: string; name?: string };
  /** The person who wrote the activity the reference was taken from. */
  user?: { id: string; name?: string; aadObjectId?: string };
  /** The activity to reply to (threads in channels). */
  activityId?: string;
  locale?: string;
}

/** The reference of the conversation an incoming activity belongs to. */
export function storedReferenceOf(activity: Partial<Activity>): StoredConversationReference {
  const conversation = activity.conversation;
  const reference: StoredConversationReference = {
    channelId: activity.channelId ?? '',
    serviceUrl: activity.serviceUrl ?? '',
    conversation: compact({
      id: conversation?.id ?? '',
      tenantId: conversation?.tenantId,
      conversationType: conversation?.conversationType,
      isGroup: conversation?.isGroup,
    }),
    bot: compact({ id: activity.recipient?.id ?? '', name: activity.recipient?.name }),
  };
  if (activity.from) {
    reference.user = compact({ id: activity.from.id, name: activity.from.name, aadObjectId: activity.from.aadObjectId });
  }
  if (activity.id) reference.activityId = activity.id;
  if (activity.locale) reference.locale = activity.locale;
  return reference;
}

/** Reads back a stored reference; undefined when it is not one (stored data is checked like input). */
export function parseStoredReference(value: unknown): StoredConversationReference | undefined {
  if (!isRecord(value)) return undefined;
  const { channelId, serviceUrl, conversation, bot, user, activityId, locale } = value;
  if (!isNonEmptyString(channelId) || !isNonEmptyString(serviceUrl)) return undefined;
  if (!isRecord(conversation) || !isNonEmptyString(conversation.id)) return undefined;
  if (!isRecord(bot) || typeof bot.id !== 'string') return undefined;
  const parsed: StoredConversationReference = {
    channelId,
    serviceUrl,
    conversation: compact({
      id: conversation.id,
      tenantId: optionalString(conversation.tenantId),
      conversationType: optionalString(conversation.conversationType),
      isGroup: typeof conversation.isGroup === 'boolean' ? conversation.isGroup : undefined,
    }),
    bot: compact({ id: bot.id, name: optionalString(bot.name) }),
  };
  if (isRecord(user) && isNonEmptyString(user.id)) {
    parsed.user = compact({ id: user.id, name: optionalString(user.name), aadObjectId: optionalString(user.aadObjectId) });
  }
  if (isNonEmptyString(activityId)) parsed.activityId = activityId;
  if (isNonEmptyString(locale)) parsed.locale = locale;
  return parsed;
}

/** The botbuilder shape of a stored reference, for continueConversationAsync. */
export function toConversationReference(stored: StoredConversationReference): Partial<ConversationReference> {
  const conversation: ConversationAccount = {
    id: stored.conversation.id,
    name: '',
    isGroup: stored.conversation.isGroup ?? false,
    conversationType: stored.conversation.conversationType ?? '',
    tenantId: stored.conversation.tenantId,
  };
  const bot: ChannelAccount = { id: stored.bot.id, name: stored.bot.name ?? '' };
  const reference: Partial<ConversationReference> = {
    channelId: stored.channelId,
    serviceUrl: stored.serviceUrl,
    conversation,
    bot,
    activityId: stored.activityId,
    locale: stored.locale,
  };
  if (stored.user) {
    reference.user = { id: stored.user.id, name: stored.user.name ?? '', aadObjectId: stored.user.aadObjectId };
  }
  return reference;
}

/**
 * Whether a conversation is the user's 1:1 chat with the bot. Only Teams' explicit `personal`
 * counts: anything unknown is treated as shared, so a secret is never posted where others read.
 */
export function isPersonalConversation(conversation: { conversationType?: string } | undefined): boolean {
  return conversation?.conversationType === 'personal';
}

/** The tenant an activity comes from (`conversation.tenantId`, else `channelData.tenant.id`). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (isNonEmptyString(fromConversation)) return fromConversation;
  const channelData: unknown = activity.channelData;
  if (isRecord(channelData) && isRecord(channelData.tenant) && isNonEmptyString(channelData.tenant.id)) {
    return channelData.tenant.id;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Drops undefined fields so stored JSON stays minimal and round-trips exactly. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
