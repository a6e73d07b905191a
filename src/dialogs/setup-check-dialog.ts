import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../ports/logger';
import { readinessReportCard, setupCheckRefusalText } from '../cards/readiness-cards';
import { pickLocale, t } from '../i18n';
import { actorOf } from '../bot/reset-request';
import type { CommandSession } from '../bot/approvals/command-session';
import type { SetupCheck } from '../bot/readiness/setup-check';
import { errorFields, userFacingError } from '../bot/user-facing-error';
import { OneTurnDialog } from './one-turn-dialog';

export const SETUP_CHECK_DIALOG = 'SetupCheckDialog';

export interface SetupCheckDialogDeps {
  check: SetupCheck;
  commandSession: CommandSession;
  tenantId: string;
  logger: Logger;
}

/**
 * "setup check" / "セットアップ確認": members of the helpdesk admin group get the readiness report
 * (run with their own token); everyone else a polite no. Without a session yet, the admin is
 * asked to sign in like for any command, and the check runs once they have, on any instance.
 */
export class SetupCheckDialog extends OneTurnDialog<'setupCheck'> {
  constructor(private readonly deps: SetupCheckDialogDeps) {
    super(SETUP_CHECK_DIALOG, ['setupCheck']);
  }

  protected async answer(context: TurnContext, command: { kind: 'setupCheck' }): Promise<void> {
    const { check, commandSession } = this.deps;
    const locale = pickLocale(context.activity.locale);
    const actor = actorOf(context, this.deps.tenantId);
    if (!actor) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return;
    }
    try {
      let admission = await check.appOnlyAdmission(actor.oid);
      if (admission === 'admin' || admission === undefined) {
        if (!(await commandSession.ensure(context, command, locale))) return;
        admission ??= await check.delegatedAdmission(actor.oid);
      }
      if (admission === 'admin') {
        await context.sendActivity(MessageFactory.attachment(readinessReportCard(await check.run(actor.oid), locale)));
      } else {
        await context.sendActivity(setupCheckRefusalText(admission, locale));
      }
    } catch (error) {
      this.deps.logger.warn('dialog.setupCheck.failed', { correlationId: context.activity.id, ...errorFields(error) });
      await context.sendActivity(userFacingError(error, locale));
    }
  }
}
