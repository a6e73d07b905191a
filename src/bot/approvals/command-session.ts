import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../../ports/logger';
import { isPersonalConversation, storedReferenceOf } from '../../adapters/teams/conversation-reference';
import type { PrivateDelivery } from '../../adapters/teams/private-delivery';
import { audienceOf } from '../../adapters/teams/proactive';
import { t, type Locale } from '../../i18n';
import type { SessionGate } from '../sign-in/agent-sign-in';
import { signInOAuthCard } from '../sign-in/oauth-card';
import { errorFields, userFacingError } from '../user-facing-error';

export interface CommandSessionDeps {
  session: SessionGate;
  privateDelivery: PrivateDelivery;
  tenantId: string;
  clientId: string;
  signInUrl?: string;
  logger: Logger;
}

/**
 * The delegated session a typed helpdesk command needs (history, show passcode, choosing the
 * approval channel): an existing or silent one, else the same SSO OAuthCard as the reset flow —
 * in the 1:1, or sent there from a channel. Once Teams has exchanged the token, the bot says
 * "you are signed in, send your request again" and the command runs on the next try.
 */
export class CommandSession {
  constructor(private readonly deps: CommandSessionDeps) {}

  /** True when the command can run now; otherwise the user was told what to do. */
  async ensure(context: TurnContext, oid: string, locale: Locale): Promise<boolean> {
    const log = this.deps.logger.child({ correlationId: context.activity.id, agentOid: oid });
    try {
      if (await this.deps.session.trySilentSession(oid)) return true;
    } catch (error) {
      log.warn('bot.command.signInFailed', errorFields(error));
      await context.sendActivity(userFacingError(error, locale));
      return false;
    }
    const { clientId, signInUrl, tenantId } = this.deps;
    const card = MessageFactory.attachment(signInOAuthCard({ clientId, locale, signInUrl }));
    if (isPersonalConversation(context.activity.conversation)) {
      await context.sendActivity(card);
      log.info('bot.command.signInAsked', { where: 'personal' });
      return false;
    }
    const origin = storedReferenceOf(context.activity);
    const sent = await this.deps.privateDelivery.send(
      { origin, agentAccountId: context.activity.from.id, tenantId, audience: audienceOf(context) },
      card,
    );
    await context.sendActivity(t(locale, sent.delivered ? 'bot.signIn.sentPrivately' : 'bot.signIn.useOneOnOne'));
    log.info('bot.command.signInAsked', { where: sent.delivered ? 'personalFromShared' : 'unreachable' });
    return false;
  }
}
