import type { AuditLog } from '../../ports/audit-log';
import type { Directory } from '../../ports/directory';
import type { AuditRecord } from '../audit/audit-record';
import { asAgent, assertHelpdeskAgent } from '../authorization';
import { AppError } from '../errors';
import type { Actor, DirectoryUser } from '../model';

/** Records shown on the history card. */
export const HISTORY_LIMIT = 20;
/** Most people offered when a name is ambiguous. */
const MAX_CANDIDATES = 10;
/** Longest name we pass on to the directory. */
const MAX_QUERY_LENGTH = 256;

/** What `history [name]` shows. */
export type HistoryResult =
  /** The newest records about one person (as target or requester), newest first. */
  | { kind: 'user'; user: DirectoryUser; records: AuditRecord[] }
  /** The newest records across the tenant, newest first. */
  | { kind: 'tenant'; records: AuditRecord[] }
  /** Several people match: the agent picks one (then `chooseUser`). */
  | { kind: 'chooseUser'; query: string; candidates: DirectoryUser[] }
  | { kind: 'noUser'; query: string };

/** The records about one person. */
export type PersonHistory = Extract<HistoryResult, { kind: 'user' }>;

export interface HistoryServiceOptions {
  directory: Directory;
  audit: AuditLog;
  /** Entra group whose members may read the history (HELPDESK_GROUP_ID). */
  helpdeskGroupId: string;
  /** Records per answer; default 20. */
  limit?: number;
}

/**
 * The audit history for the helpdesk: `history alice` (one person) and `history` (the tenant).
 * Reads an index of the audit log (by user, by time), never a scan. Helpdesk members only
 * (access.notHelpdesk); the directory is searched as the agent.
 */
export class HistoryService {
  private readonly limit: number;

  constructor(private readonly options: HistoryServiceOptions) {
    this.limit = options.limit ?? HISTORY_LIMIT;
  }

  /** `history` (no query): the tenant; `history alice`: that person, or candidates to choose from. */
  async history(actor: Actor, query?: string): Promise<HistoryResult> {
    await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, actor);
    const name = query?.trim() ?? '';
    if (name === '') return { kind: 'tenant', records: await this.options.audit.recent(this.limit) };
    if (name.length > MAX_QUERY_LENGTH) throw new AppError('input.invalid', 'That name is too long.');
    const users = (await this.options.directory.findUsers(name, asAgent(actor), MAX_CANDIDATES)).slice(0, MAX_CANDIDATES);
    if (users.length === 0) return { kind: 'noUser', query: name };
    if (users.length > 1) return { kind: 'chooseUser', query: name, candidates: users };
    return { kind: 'user', user: users[0]!, records: await this.options.audit.forUser(users[0]!.id, this.limit) };
  }

  /**
   * The records of the person the agent chose among the candidates of `history query`. The
   * choice is checked against the same search again, so a forged id cannot name anyone else.
   */
  async chooseUser(actor: Actor, query: string, userId: string): Promise<PersonHistory> {
    await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, actor);
    const name = query.trim();
    if (name === '' || name.length > MAX_QUERY_LENGTH) throw new AppError('input.invalid', 'Name the person whose history to show.');
    const users = await this.options.directory.findUsers(name, asAgent(actor), MAX_CANDIDATES);
    const user = users.find((candidate) => candidate.id === userId);
    if (!user) throw new AppError('input.invalid', 'That person was not offered for this name.');
    return { kind: 'user', user, records: await this.options.audit.forUser(user.id, this.limit) };
  }
}
