/** Durable state on Azure Storage (Azurite locally), shared by every bot instance. */
export { createAzureState, type AzureState, type AzureStateOptions } from './create-azure-state';
export { storageNames, type StorageNames } from './storage-names';
export { AlreadyExistsError } from './azure-errors';
export { SecretInStorageError } from './stored-json';
export type { RetainedAuditRecord } from './audit-log-line';
export { BlobFlowStore } from './blob-flow-store';
export { TableRequestStore } from './table-request-store';
export { TableCounters } from './table-counters';
export { TableInFlightStore } from './table-in-flight-store';
export { TableAppSettingsStore, TableConversationDirectory } from './table-app-settings-store';
export { TableAuditLog } from './table-audit-log';
