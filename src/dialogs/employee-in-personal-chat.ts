import type { TurnContext } from 'botbuilder';
import { isPersonalConversation } from '../adapters/teams/conversation-reference';
import { actorOf } from '../bot/reset-request';
import { employeeTexts } from '../cards/approvals/employee-cards';
import type { Actor } from '../domain/model';
import { t, type Locale } from '../i18n';

/**
 * The employee asking about their own requests, or undefined after telling them why not: an
 * activity without an Entra identity, or one outside the 1:1 chat (their devices and requests are
 * nobody else's business).
 */
export async function employeeInPersonalChat(context: TurnContext, tenantId: string, locale: Locale): Promise<Actor | undefined> {
  const requester = actorOf(context, tenantId);
  if (!requester) {
    await context.sendActivity(t(locale, 'bot.unknownUser'));
    return undefined;
  }
  if (!isPersonalConversation(context.activity.conversation)) {
    await context.sendActivity(employeeTexts.personalOnly(locale));
    return undefined;
  }
  return requester;
}
