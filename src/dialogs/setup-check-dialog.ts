import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './dialog-kit';
import type { Logger } from '../ports/logger';
import { readinessReportCard, readinessSignInCard, setupCheckRefusalText } from '../cards/readiness-cards';
import { pickLocale, t } from '../i18n';
import { actorOf } from '../bot/reset-request';
import type { SetupCheck } from '../bot/readiness/setup-check';
import type { SessionGate } from '../bot/sign-in/agent-sign-in';
import { errorFields, userFacingError } from '../bot/user-facing-error';

export const SETUP_CHECK_DIALOG = 'SetupCheckDialog';
const SETUP_CHECK_WATERFALL = 'setupCheckWaterfall';

export interface SetupCheckDialogDeps {
  check: SetupCheck;
  session: SessionGate;
  tenantId: string;
  logger: Logger;
}

/**
 * "setup check" / "セットアップ確認": members of the helpdesk admin group get the readiness report
 * (run with their own token); everyone else a polite no. Without a session yet, a card whose
 * button signs the admin in and runs the check (see SetupCheckActions).
 */
export class SetupCheckDialog extends ComponentDialog {
  constructor(private readonly deps: SetupCheckDialogDeps) {
    super(SETUP_CHECK_DIALOG);
    this.addDialog(new WaterfallDialog(SETUP_CHECK_WATERFALL, [this.checkStep.bind(this)]));
    this.initialDialogId = SETUP_CHECK_WATERFALL;
  }

  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { check, session } = this.deps;
    const locale = pickLocale(context.activity.locale);
    const actor = actorOf(context, this.deps.tenantId);
    if (!actor) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return step.endDialog();
    }
    try {
      let admission = await check.appOnlyAdmission(actor.oid);
      if (admission === 'admin' || admission === undefined) {
        if (!(await session.trySilentSession(actor.oid))) {
          await context.sendActivity(MessageFactory.attachment(readinessSignInCard(locale)));
          return step.endDialog();
        }
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
    return step.endDialog();
  }
}
