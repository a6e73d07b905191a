import type { TurnContext } from 'botbuilder';
import { pickLocale, t } from '../i18n';
import type { DelegatedTokenProvider } from '../ports/identity';
import type { Logger } from '../ports/logger';
import { actorOf } from '../bot/reset-request';
import { errorFields } from '../bot/user-facing-error';
import { OneTurnDialog } from './one-turn-dialog';

export const SIGN_OUT_DIALOG = 'SignOutDialog';

export interface SignOutDialogDeps {
  tokens: Pick<DelegatedTokenProvider, 'forget'>;
  tenantId: string;
  logger: Logger;
}

/**
 * `sign out` / `サインアウト`: the agent's cached sign-in is deleted from the shared cache, so no
 * instance acts for them until they sign in again. Answered wherever it was typed: the answer
 * names no one and holds nothing secret.
 */
export class SignOutDialog extends OneTurnDialog<'signOut'> {
  constructor(private readonly deps: SignOutDialogDeps) {
    super(SIGN_OUT_DIALOG, ['signOut']);
  }

  protected async answer(context: TurnContext): Promise<void> {
    const locale = pickLocale(context.activity.locale);
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return;
    }
    const log = this.deps.logger.child({ correlationId: context.activity.id, agentOid: agent.oid });
    try {
      await this.deps.tokens.forget(agent.oid);
      log.info('dialog.signOut.done');
      await context.sendActivity(t(locale, 'bot.signin.signOut.done'));
    } catch (error) {
      log.warn('dialog.signOut.failed', errorFields(error));
      await context.sendActivity(t(locale, 'bot.signin.signOut.failed'));
    }
  }
}
