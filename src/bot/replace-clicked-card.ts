import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { isPersonalConversation } from '../adapters/teams/conversation-reference';
import type { Logger } from '../ports/logger';

/**
 * Replace the message whose button was clicked with `card`, through the connector. The answer to
 * an `adaptiveCard/action` only changes what the clicking client shows; the stored message (and
 * so every other client, and the chat's history) keeps its old card. Hide must change the message
 * itself, or the passcode stays in the chat.
 *
 * Only in a 1:1 chat, where every passcode card lives: a click elsewhere replaces nothing, so a
 * forged Hide cannot overwrite a message in a shared conversation. Returns whether it was replaced;
 * a failure is logged (never thrown): the click's answer still hides the card on that client.
 */
export async function replaceClickedCard(context: TurnContext, card: Attachment, logger: Logger): Promise<boolean> {
  const { replyToId, conversation } = context.activity;
  if (!replyToId || !isPersonalConversation(conversation)) return false;
  try {
    await context.updateActivity({ ...MessageFactory.attachment(card), type: 'message', id: replyToId });
    return true;
  } catch (error) {
    logger.warn('bot.card.replaceFailed', { errorName: error instanceof Error ? error.name : typeof error });
    return false;
  }
}
