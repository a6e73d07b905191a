import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../ports/logger';
import { isPersonalConversation, storedReferenceOf } from '../../adapters/teams/conversation-reference';
import { t, type Locale } from '../../i18n';
import { actorOf } from '../reset-request';
import type { SessionGate } from '../sign-in/agent-sign-in';
import type { PendingCommand } from '../sign-in/pending-command';
import { errorFields, userFacingError } from '../user-facing-error';

export interface CommandSessionDeps {
  session: SessionGate;
  tenantId: string;
  logger: Logger;
}

/**
 * The delegated session a typed helpdesk command needs (history, show passcode, setup check,
 * choosing the approval channel): an existing or silent one, else the same sign-in as a reset —
 * the OAuthCard in the 1:1, or sent there from a channel. The command waits in shared storage and
 * runs, on whichever instance Teams sends the token exchange to, in the conversation it came from.
 */
export class CommandSession {
  constructor(private readonly deps: CommandSessionDeps) {}

  /** True when the command can run now; otherwise the user was asked to sign in, or told why not. */
  async ensure(context: TurnContext, command: PendingCommand, locale: Locale): Promise<boolean> {
    const { activity } = context;
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return false;
    }
    try {
      const check = await this.deps.session.ensureSession(context, {
        agent,
        agentAccountId: activity.from.id,
        locale,
        command,
        origin: storedReferenceOf(activity),
        originIsPersonal: isPersonalConversation(activity.conversation),
      });
      return check === 'ready';
    } catch (error) {
      this.deps.logger.warn('bot.command.signInFailed', { correlationId: activity.id, agentOid: agent.oid, ...errorFields(error) });
      await context.sendActivity(userFacingError(error, locale));
      return false;
    }
  }
}
