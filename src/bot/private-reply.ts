import type { Activity, TurnContext } from 'botbuilder';
import { isPersonalConversation, storedReferenceOf } from '../adapters/teams/conversation-reference';
import type { PrivateDelivery, PrivateSendResult } from '../adapters/teams/private-delivery';
import { audienceOf } from '../adapters/teams/proactive';

/** What the conversation of the request is told about an answer sent privately. */
export interface PrivateReplyTexts {
  /** Asked in a channel or group chat: the answer is in the asker's 1:1. */
  sentPrivately: string;
  /** The asker's 1:1 cannot be reached, so the answer is shown nowhere. */
  unreachable: string;
}

/**
 * Send `message` to the 1:1 chat of the person this turn answers, never to the conversation of
 * the turn when that is shared: a reply when they wrote in their 1:1, else a new message there.
 */
export function sendToAsker(context: TurnContext, delivery: PrivateDelivery, tenantId: string, message: Partial<Activity>): Promise<PrivateSendResult> {
  const activity = context.activity;
  const origin = storedReferenceOf(activity);
  delete origin.activityId;
  return delivery.send({ origin, agentAccountId: activity.from.id, tenantId, audience: audienceOf(context) }, message);
}

/**
 * Answer a command privately (see sendToAsker); a shared conversation reads only where the answer
 * went, or that it could not be sent. Returns whether it was delivered.
 */
export async function replyPrivately(
  context: TurnContext,
  delivery: PrivateDelivery,
  tenantId: string,
  message: Partial<Activity>,
  texts: PrivateReplyTexts,
): Promise<boolean> {
  const sent = await sendToAsker(context, delivery, tenantId, message);
  if (!sent.delivered) await context.sendActivity(texts.unreachable);
  else if (!isPersonalConversation(context.activity.conversation)) await context.sendActivity(texts.sentPrivately);
  return sent.delivered;
}
