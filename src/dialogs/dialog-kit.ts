/**
 * The parts of botbuilder-dialogs our dialogs use, each taken from the package module that holds it.
 *
 * Why not `import … from 'botbuilder-dialogs'`: the package index also loads its prompts and, with
 * them, the Microsoft text recognizers (number, date-time and choice grammars for many languages).
 * This bot asks nothing through prompts, and those grammars cost every bot process about 30 MB of
 * resident memory and 16 MB of heap. Types come from the index: they vanish at compile time.
 * A test checks that starting the bot never loads the recognizers.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export type { Dialog, DialogState, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
