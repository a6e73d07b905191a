import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/**
 * One Adaptive Card template from `/cards`, parsed once and expanded per message. `TData` is the
 * shape the template binds to, so a view that forgets a field fails to compile.
 */
export class CardTemplate<TData extends object> {
  private readonly template: Template;

  constructor(payload: object) {
    this.template = new Template(payload);
  }

  /** The expanded card as a Teams attachment; the card JSON is `attachment.content`. */
  render(data: TData): Attachment {
    const card: unknown = this.template.expand({ $root: data });
    return CardFactory.adaptiveCard(card);
  }
}

/** A label and a value shown side by side (the value may come from the directory or Intune). */
export interface Fact {
  label: string;
  value: string;
}

/** A device as listed on a card. `reason` is empty for an eligible device. */
export interface DeviceRow {
  id: string;
  name: string;
  summary: string;
  lastSync: string;
  reason: string;
}
