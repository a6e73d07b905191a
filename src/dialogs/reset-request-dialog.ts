import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './dialog-kit';
import type { Logger } from '../ports/logger';
import { pickLocale, t } from '../i18n';
import type { FlowStarter } from '../bot/flow-starter';
import { resetRequestFrom, type ResetRequest } from '../bot/reset-request';
import type { SessionGate } from '../bot/sign-in/agent-sign-in';
import { errorFields, userFacingError } from '../bot/user-facing-error';

export const RESET_REQUEST_DIALOG = 'ResetRequestDialog';
const RESET_REQUEST_WATERFALL = 'resetRequestWaterfall';

/** What MainDialog passes in: the words naming the user whose device is to be reset. */
export interface ResetRequestOptions {
  query: string;
}

/** How the dialog ended, as its result. */
export type ResetRequestOutcome = 'started' | 'signInPending' | 'refused';

export interface ResetRequestDialogDeps {
  session: SessionGate;
  starter: FlowStarter;
  tenantId: string;
  logger: Logger;
}

/**
 * "Reset the passcode for X": make sure the agent is signed in (or ask Teams and stop here: the
 * request resumes when the token arrives), then start the flow and show its card.
 */
export class ResetRequestDialog extends ComponentDialog {
  constructor(private readonly deps: ResetRequestDialogDeps) {
    super(RESET_REQUEST_DIALOG);
    this.addDialog(
      new WaterfallDialog(RESET_REQUEST_WATERFALL, [this.ensureSignInStep.bind(this), this.startFlowStep.bind(this)]),
    );
    this.initialDialogId = RESET_REQUEST_WATERFALL;
  }

  private async ensureSignInStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const locale = pickLocale(context.activity.locale);
    const query = queryOf(step.options);
    const request = query === undefined ? undefined : resetRequestFrom(context, this.deps.tenantId, query);
    if (!request) {
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return step.endDialog('refused' satisfies ResetRequestOutcome);
    }
    try {
      const check = await this.deps.session.ensureSession(context, { ...request, command: { kind: 'resetFor', query: request.query } });
      if (check === 'pending') return step.endDialog('signInPending' satisfies ResetRequestOutcome);
    } catch (error) {
      this.deps.logger.warn('dialog.resetRequest.signInFailed', { correlationId: context.activity.id, ...errorFields(error) });
      await context.sendActivity(userFacingError(error, locale));
      return step.endDialog('refused' satisfies ResetRequestOutcome);
    }
    return step.next(request);
  }

  private async startFlowStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const request = step.result as ResetRequest;
    await this.deps.starter.startAndShow(step.context, request);
    return step.endDialog('started' satisfies ResetRequestOutcome);
  }
}

function queryOf(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  const query = (options as Record<string, unknown>).query;
  return typeof query === 'string' && query.trim().length > 0 ? query.trim() : undefined;
}
