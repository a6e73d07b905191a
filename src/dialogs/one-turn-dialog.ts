import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './dialog-kit';
import type { Command, CommandKind } from '../commands/parse-command';
import type { CommandAnswerer } from '../bot/sign-in/resumed-commands';

/**
 * A command answered within the turn that asked for it (a card or a few words); what follows
 * happens through the card's buttons. Subclasses say which commands they take and how to answer.
 */
export abstract class OneTurnDialog<K extends CommandKind> extends ComponentDialog implements CommandAnswerer {
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

  /** Answer `command` when it is one of ours: typed now, or waiting for a sign-in until now. */
  async answerCommand(context: TurnContext, command: Command): Promise<void> {
    if ((this.kinds as readonly string[]).includes(command.kind)) {
      await this.answer(context, command as Extract<Command, { kind: K }>);
    }
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const command = step.options as Command | undefined;
    if (command) await this.answerCommand(step.context, command);
    return step.endDialog();
  }
}
