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
import { parseCommand, type CommandKind } from '../commands/parse-command';
import { helpText } from '../cards/views';
import { pickLocale, t } from '../i18n';
import type { ResetRequestOptions } from './reset-request-dialog';

export const MAIN_DIALOG = 'MainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/** A command handled by a feature's own dialog, which is begun with the parsed command as options. */
export interface CommandRoute {
  kinds: readonly CommandKind[];
  dialog: Dialog;
}

/**
 * The root of the text conversation: interpret what the user wrote, then either answer with
 * help or hand over to the dialog of that command (passed in, so tests can replace them).
 */
export class MainDialog extends ComponentDialog {
  private readonly resetRequestDialogId: string;
  private readonly routes = new Map<CommandKind, string>();

  constructor(resetRequestDialog: Dialog, routes: readonly CommandRoute[] = []) {
    super(MAIN_DIALOG);
    this.resetRequestDialogId = resetRequestDialog.id;
    this.addDialog(resetRequestDialog);
    for (const route of routes) {
      this.addDialog(route.dialog);
      for (const kind of route.kinds) this.routes.set(kind, route.dialog.id);
    }
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
    const routed = this.routes.get(command.kind);
    if (routed) return step.beginDialog(routed, command);
    const locale = pickLocale(step.context.activity.locale);
    const help = helpText(locale);
    await step.context.sendActivity(command.kind === 'unknown' ? `${t(locale, 'bot.notUnderstood')}\n\n${help}` : help);
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
