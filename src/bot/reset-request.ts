import type { TurnContext } from 'botbuilder';
import type { Actor } from '../domain/model';
import { pickLocale, type Locale } from '../i18n';
import {
  isPersonalConversation,
  storedReferenceOf,
  type StoredConversationReference,
} from '../adapters/teams/conversation-reference';

/** "Reset the passcode for <query>", as asked by an agent in one conversation. */
export interface ResetRequest {
  agent: Actor;
  /** The agent's Teams account id (`from.id`), needed to open their 1:1 chat. */
  agentAccountId: string;
  locale: Locale;
  query: string;
  /** Where the request was made; the flow card goes there. */
  origin: StoredConversationReference;
  originIsPersonal: boolean;
}

/** The agent behind an activity, or undefined when Teams did not say who it is. */
export function actorOf(context: TurnContext, tenantId: string): Actor | undefined {
  const from = context.activity.from;
  if (!from?.aadObjectId) return undefined;
  return { oid: from.aadObjectId, name: from.name ?? '', tenantId };
}

/** The request an agent's message makes; undefined when the sender has no Entra identity. */
export function resetRequestFrom(context: TurnContext, tenantId: string, query: string): ResetRequest | undefined {
  const agent = actorOf(context, tenantId);
  if (!agent) return undefined;
  const activity = context.activity;
  return {
    agent,
    agentAccountId: activity.from.id,
    locale: pickLocale(activity.locale),
    query,
    origin: storedReferenceOf(activity),
    originIsPersonal: isPersonalConversation(activity.conversation),
  };
}
