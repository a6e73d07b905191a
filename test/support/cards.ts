import type { SentActivity } from './teams-fake';

/** An Action.Execute found on a card. */
export interface ExecuteAction {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
export const OAUTH = 'application/vnd.microsoft.card.oauth';

export function adaptiveCardOf(activity: SentActivity | undefined): unknown {
  return activity?.attachments?.find((a) => a.contentType === ADAPTIVE)?.content;
}

/** Every Action.Execute on a card, wherever it sits (actions, ActionSets, select actions). */
export function executeActions(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && typeof record.verb === 'string') {
      found.push({ verb: record.verb, title: String(record.title ?? ''), data: (record.data ?? {}) as Record<string, unknown> });
    }
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}

/** The card an `adaptiveCard/action` invoke answered with, if it answered with a card. */
export function invokeCard(body: unknown): unknown {
  const value = body as { type?: string; value?: unknown } | undefined;
  return value?.type === ADAPTIVE ? value.value : undefined;
}

/** The visible activities (latest version of each, not deleted) of a conversation. */
export function visible(activities: SentActivity[]): SentActivity[] {
  return activities.filter((a) => !a.deleted);
}
