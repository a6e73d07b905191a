import {
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { DialogState } from '../dialogs/dialog-kit';
import { AppError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import { pickLocale, t } from '../i18n';
import type { MainDialog } from '../dialogs/main-dialog';
import type { BackgroundTasks } from './background-tasks';
import type { CardActions } from './card-actions';
import { forbiddenCardResponse, messageResponse } from './invoke-responses';
import type { SignInInvokes } from './sign-in/sign-in-invokes';
import { isFromTenant } from './tenant-guard';
import { errorFields, userFacingError } from './user-facing-error';

/** What the bot is made of; `createBot` builds it from the ports. */
export interface PasscodeDeskBotOptions {
  /** AAD_APP_TENANT_ID: activities from any other tenant are refused. */
  tenantId: string;
  logger: Logger;
  /** Holds the dialog stack between turns. */
  conversationState: ConversationState;
  mainDialog: MainDialog;
  cardActions: CardActions;
  signInInvokes: SignInInvokes;
  background: BackgroundTasks;
  /** Card buttons of other features (approvals, readiness…); the reset flow's own go to cardActions. */
  featureCardActions?: readonly FeatureCardActions[];
}

/** A feature's card buttons: the verbs it owns, and the `adaptiveCard/action` handler for them. */
export interface FeatureCardActions {
  verbs: readonly string[];
  handle(context: TurnContext): Promise<InvokeResponse>;
}

/**
 * The Teams surface of Passcode Desk. Thin on purpose: messages go through the dialogs, card
 * clicks and sign-in invokes to their handlers; the rules live in the domain.
 */
export class PasscodeDeskBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly options: PasscodeDeskBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('DialogState');
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** The turn handler for `adapter.process(req, res, (context) => bot.run(context))`. */
  override async run(context: TurnContext): Promise<void> {
    if (!isFromTenant(context, this.options.tenantId)) {
      await this.refuseOtherTenant(context);
      return;
    }
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  /** Resolves when the work started by earlier turns (running resets, resumed requests) is over. */
  whenIdle(): Promise<void> {
    return this.options.background.whenIdle();
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name;
    try {
      switch (name) {
        case 'adaptiveCard/action':
          return await (this.featureFor(context) ?? this.options.cardActions).handle(context);
        case 'signin/tokenExchange':
          return await this.options.signInInvokes.tokenExchange(context);
        case 'signin/verifyState':
          return await this.options.signInInvokes.verifyState(context);
        default:
          return await super.onInvokeActivity(context);
      }
    } catch (error) {
      this.options.logger.error('bot.invoke.failed', { correlationId: context.activity.id, invoke: name, ...errorFields(error) });
      if (name === 'adaptiveCard/action') {
        // An AppError (storage unreachable, Graph busy) says what happened; anything else is ours.
        return messageResponse(userFacingError(error, pickLocale(context.activity.locale)));
      }
      return { status: 500 };
    }
  }

  /** The feature that owns the clicked button's verb, if not the reset flow. */
  private featureFor(context: TurnContext): FeatureCardActions | undefined {
    const value: unknown = context.activity.value;
    const action = value && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
    const verb = action && typeof action === 'object' ? (action as { verb?: unknown }).verb : undefined;
    if (typeof verb !== 'string') return undefined;
    return this.options.featureCardActions?.find((feature) => feature.verbs.includes(verb));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    const log = this.options.logger.child({ correlationId: activity.id });
    if (!activity.from?.aadObjectId) {
      log.info('bot.message.noIdentity');
      await context.sendActivity(t(locale, 'bot.unknownUser'));
      return;
    }
    try {
      // In channels and group chats the text starts with "<at>Passcode Desk</at>".
      if (activity.text && activity.recipient) activity.text = TurnContext.removeRecipientMention(activity);
      await this.options.mainDialog.run(context, this.dialogState);
    } catch (error) {
      log.error('bot.message.failed', errorFields(error));
      // A half-run dialog must not resume on the next message.
      await this.options.conversationState.delete(context);
      await context.sendActivity(userFacingError(error, locale));
    }
  }

  private async refuseOtherTenant(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    this.options.logger.warn('bot.tenant.refused', { correlationId: activity.id, activityType: activity.type });
    const text = userFacingError(new AppError('access.wrongTenant', 'Activity from another tenant'), locale);
    if (activity.type === 'invoke') {
      const response = activity.name === 'adaptiveCard/action' ? forbiddenCardResponse(text) : { status: 403 };
      await context.sendActivity({ type: 'invokeResponse', value: response });
    } else if (activity.type === 'message') {
      await context.sendActivity(text);
    }
  }
}
