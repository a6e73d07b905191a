import type { AppSettingsStore, ApprovalChannel, ConversationDirectory } from '../../ports/app-settings-store';

/** Admin settings in process memory, for unit tests only. */
export class MemoryAppSettingsStore implements AppSettingsStore {
  private channel: ApprovalChannel | undefined;

  async getApprovalChannel(): Promise<ApprovalChannel | undefined> {
    return this.channel ? structuredClone(this.channel) : undefined;
  }

  async setApprovalChannel(channel: ApprovalChannel): Promise<void> {
    this.channel = structuredClone(channel);
  }
}

/** 1:1 conversation references in process memory, for unit tests only. */
export class MemoryConversationDirectory implements ConversationDirectory {
  private readonly people = new Map<string, { reference: unknown; isHelpdeskMember: boolean }>();

  async remember(oid: string, personalReference: unknown, isHelpdeskMember?: boolean): Promise<void> {
    const known = this.people.get(oid);
    // Not saying whether the person is a helpdesk member keeps what was known before.
    this.people.set(oid, { reference: structuredClone(personalReference), isHelpdeskMember: isHelpdeskMember ?? known?.isHelpdeskMember ?? false });
  }

  async find(oid: string): Promise<unknown | undefined> {
    const known = this.people.get(oid);
    return known ? structuredClone(known.reference) : undefined;
  }

  async helpdeskMembers(limit: number): Promise<Array<{ oid: string; reference: unknown }>> {
    return [...this.people.entries()]
      .filter(([, p]) => p.isHelpdeskMember)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, Math.max(0, limit))
      .map(([oid, p]) => ({ oid, reference: structuredClone(p.reference) }));
  }
}
