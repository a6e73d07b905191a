/** Settings the admins change from chat (shared by every instance). */
export interface ApprovalChannel {
  /** Serialized conversation reference of the channel (opaque to the domain). */
  reference: unknown;
  setBy: { oid: string; name: string };
  setAt: string;
}

export interface AppSettingsStore {
  getApprovalChannel(): Promise<ApprovalChannel | undefined>;
  setApprovalChannel(channel: ApprovalChannel): Promise<void>;
}

/**
 * Where the bot can reach a person privately: the reference of their 1:1 with the bot, recorded
 * when they install the app or write to it. Used for helpdesk members (approval cards until a
 * channel is set), for employees (decisions) and for device owners (reset notices).
 */
export interface ConversationDirectory {
  remember(oid: string, personalReference: unknown, isHelpdeskMember?: boolean): Promise<void>;
  find(oid: string): Promise<unknown | undefined>;
  /** 1:1 references of helpdesk members known to the bot. */
  helpdeskMembers(limit: number): Promise<Array<{ oid: string; reference: unknown }>>;
}
