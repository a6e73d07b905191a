import type { AppSettingsStore, ConversationDirectory } from './app-settings-store';
import type { AuditLog } from './audit-log';
import type { Counters } from './counters';
import type { FlowStore } from './flow-store';
import type { InFlightStore } from './in-flight-store';
import type { RequestStore } from './request-store';

/**
 * Every store of state the bot's instances share (Azure Storage in production, memory in unit
 * tests and in a demo started without storage). Dialog state is apart: botbuilder's Storage.
 */
export interface SharedState {
  flows: FlowStore;
  requests: RequestStore;
  counters: Counters;
  inFlight: InFlightStore;
  appSettings: AppSettingsStore;
  conversations: ConversationDirectory;
  audit: AuditLog;
}
