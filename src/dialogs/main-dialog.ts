import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { parseCommand } from '../commands/parse-command';
import { helpText } from '../cards/views';
import { pickLocale, t } from '../i18n';
import type { ResetRequestOptions } from './reset-request-dialog';

export const MAIN_DIALOG = 'MainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/**
 * The root of the text conversation: interpret what the agent wrote, then either answer with
 * help or hand over to the reset request dialog (passed in, so tests can replace it).
 */
export class MainDialog extends ComponentDialog {
  private readonly resetRequestDialogId: string;

  constructor(resetRequestDialog: Dialog) {
    super(MAIN_DIALOG);
    this.resetRequestDialogId = resetRequestDialog.id;
    this.addDialog(resetRequestDialog);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.interpretStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Run the dialog for one turn: continue an active one, or begin anew. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dialogContext.beginDialog(this.id);
    }
  }

  private async interpretStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const command = parseCommand(step.context.activity.text ?? '');
    if (command.kind === 'resetFor') {
      const options: ResetRequestOptions = { query: command.query };
      return step.beginDialog(this.resetRequestDialogId, options);
    }
    const locale = pickLocale(step.context.activity.locale);
    const help = helpText(locale);
    await step.context.sendActivity(command.kind === 'unknown' ? `${t(locale, 'bot.notUnderstood')}\n\n${help}` : help);
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
