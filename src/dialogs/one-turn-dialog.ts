import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './dialog-kit';
import type { Command, CommandKind } from '../commands/parse-command';

/**
 * A command answered within the turn that asked for it (a card or a few words); what follows
 * happens through the card's buttons. Subclasses say which commands they take and how to answer.
 */
export abstract class OneTurnDialog<K extends CommandKind> extends ComponentDialog {
  constructor(
    id: string,
    /** The commands MainDialog routes here. */
    readonly kinds: readonly K[],
  ) {
    super(id);
    this.addDialog(new WaterfallDialog(`${id}.turn`, [this.answerStep.bind(this)]));
    this.initialDialogId = `${id}.turn`;
  }

  /** Answer `command` in `context`; errors are the subclass's to turn into polite words. */
  protected abstract answer(context: TurnContext, command: Extract<Command, { kind: K }>): Promise<void>;

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const command = step.options as Command | undefined;
    if (command && (this.kinds as readonly string[]).includes(command.kind)) {
      await this.answer(step.context, command as Extract<Command, { kind: K }>);
    }
    return step.endDialog();
  }
}
