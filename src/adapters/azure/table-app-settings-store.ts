import type { TableClient } from '@azure/data-tables';
import type { AppSettingsStore, ApprovalChannel, ConversationDirectory } from '../../ports/app-settings-store';
import { isNotFound } from './azure-errors';
import { bodyProperties, readBody } from './stored-json';
import { keyPart } from './table-keys';
import { getOrUndefined, listRange } from './table-queries';

const SETTINGS = 'settings';
const PEOPLE = 'people';
const HELPDESK = 'helpdesk';

/**
 * Admin settings in Azure Table Storage (row `settings/approvalChannel`). Why Table: a handful
 * of small rows read by key; last writer wins, which is what "use this channel" means.
 */
export class TableAppSettingsStore implements AppSettingsStore {
  constructor(private readonly table: TableClient) {}

  async getApprovalChannel(): Promise<ApprovalChannel | undefined> {
    const entity = await getOrUndefined(this.table, SETTINGS, 'approvalChannel');
    return entity ? (readBody(entity) as ApprovalChannel) : undefined;
  }

  async setApprovalChannel(channel: ApprovalChannel): Promise<void> {
    await this.table.upsertEntity({ partitionKey: SETTINGS, rowKey: 'approvalChannel', ...bodyProperties(channel) }, 'Replace');
  }
}

/**
 * People's 1:1 references in the same table: partition `people` (one row per person) and
 * partition `helpdesk` (a copy per helpdesk member), so listing helpdesk members reads only
 * that partition instead of filtering everyone who ever talked to the bot.
 */
export class TableConversationDirectory implements ConversationDirectory {
  constructor(private readonly table: TableClient) {}

  async remember(oid: string, personalReference: unknown, isHelpdeskMember?: boolean): Promise<void> {
    const rowKey = keyPart(oid);
    const known = isHelpdeskMember === undefined ? await getOrUndefined(this.table, PEOPLE, rowKey) : undefined;
    // Not saying whether the person is a helpdesk member keeps what was known before.
    const member = isHelpdeskMember ?? known?.isHelpdeskMember === true;
    const fields = { oid, ...bodyProperties(personalReference) };
    await this.table.upsertEntity({ partitionKey: PEOPLE, rowKey, ...fields, isHelpdeskMember: member }, 'Replace');
    if (member) {
      await this.table.upsertEntity({ partitionKey: HELPDESK, rowKey, ...fields }, 'Replace');
      return;
    }
    try {
      await this.table.deleteEntity(HELPDESK, rowKey);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async find(oid: string): Promise<unknown | undefined> {
    const entity = await getOrUndefined(this.table, PEOPLE, keyPart(oid));
    return entity ? readBody(entity) : undefined;
  }

  async helpdeskMembers(limit: number): Promise<Array<{ oid: string; reference: unknown }>> {
    const rows = await listRange(this.table, HELPDESK, '', limit);
    return rows.map((row) => ({ oid: String(row.oid), reference: readBody(row) }));
  }
}
