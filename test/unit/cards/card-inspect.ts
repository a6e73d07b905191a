import type { Attachment } from 'botbuilder';

/** A card element or action, as plain JSON. */
export type Json = { [key: string]: unknown };

export function cardOf(attachment: Attachment): Json {
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`not an Adaptive Card: ${attachment.contentType}`);
  }
  return attachment.content as Json;
}

/** Every object in the card, depth first. */
export function allNodes(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) {
    for (const item of value) allNodes(item, out);
  } else if (value !== null && typeof value === 'object') {
    out.push(value as Json);
    for (const child of Object.values(value)) allNodes(child, out);
  }
  return out;
}

/** Every string anywhere in the card. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value !== null && typeof value === 'object') for (const child of Object.values(value)) allStrings(child, out);
  return out;
}

/** The texts a user reads: `text` of TextBlocks and TextRuns, in order. */
export function texts(card: Json): string[] {
  return allNodes(card)
    .filter((node) => (node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string')
    .map((node) => node.text as string);
}

/** All the text of a card as one string, for "contains" checks. */
export function textOf(card: Json): string {
  return texts(card).join('\n');
}

/** Every action (card actions and those inside ActionSets). */
export function actions(card: Json): Json[] {
  return allNodes(card).filter((node) => typeof node.type === 'string' && node.type.startsWith('Action.'));
}
