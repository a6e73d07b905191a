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
} from './dialog-kit';
import { parseCommand, type Command, type CommandKind } from '../commands/parse-command';
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
    // The help text is answered straight away, without a dialog context (which costs more than
    // the answer itself): `help` at any point of a conversation, as an interruption that leaves a
    // waiting dialog waiting, so not even the dialog state is read (on shared storage, a round
    // trip saved on every help); text not understood, when no dialog waits for an answer.
    const command = parseCommand(context.activity.text ?? '');
    if (this.isHelp(command)) {
      const answerNow = command.kind === 'help' || !(await this.dialogWaits(context, dialogState));
      if (answerNow) {
        await this.sendHelp(context, command);
        return;
      }
    }
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
    await this.sendHelp(step.context, command);
    return step.endDialog();
  }

  /** Whether a dialog of an earlier turn waits for this message. */
  private async dialogWaits(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<boolean> {
    const state = await dialogState.get(context, { dialogStack: [] });
    return Array.isArray(state.dialogStack) && state.dialogStack.length > 0;
  }

  /** Whether the command is answered with the help text: neither a reset nor a feature's command. */
  private isHelp(command: Command): boolean {
    return command.kind !== 'resetFor' && !this.routes.has(command.kind);
  }

  private async sendHelp(context: TurnContext, command: Command): Promise<void> {
    const locale = pickLocale(context.activity.locale);
    const help = helpText(locale);
    await context.sendActivity(command.kind === 'unknown' ? `${t(locale, 'bot.notUnderstood')}\n\n${help}` : help);
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
