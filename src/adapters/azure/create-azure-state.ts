import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { AppSettingsStore, ConversationDirectory } from '../../ports/app-settings-store';
import type { AuditLog } from '../../ports/audit-log';
import type { Counters } from '../../ports/counters';
import type { FlowStore } from '../../ports/flow-store';
import type { InFlightStore } from '../../ports/in-flight-store';
import type { Logger } from '../../ports/logger';
import type { RequestStore } from '../../ports/request-store';
import type { SharedState } from '../../ports/shared-state';
import type { TokenCacheStore } from '../../ports/token-cache-store';
import { isConflict } from './azure-errors';
import { BlobFlowStore } from './blob-flow-store';
import { BlobTokenCacheStore } from './blob-token-cache-store';
import { storageNames, type StorageNames } from './storage-names';
import { OutageTolerantStorage, reportingOutages } from './storage-outage';
import { TableAppSettingsStore, TableConversationDirectory } from './table-app-settings-store';
import { TableAuditLog } from './table-audit-log';
import { TableCounters } from './table-counters';
import { TableInFlightStore } from './table-in-flight-store';
import { TableRequestStore } from './table-request-store';

export interface AzureStateOptions {
  /** AZURE_STORAGE_CONNECTION_STRING: an account (or Azurite) with blob and table endpoints. */
  connectionString: string;
  /** STATE_NAMESPACE: prefix of every table and container name. */
  namespace: string;
  /** Receives the `audit` line of every audit record (for the SIEM). */
  logger: Logger;
  /** AUDIT_RETENTION_DAYS, written into each audit record as `expiresOn`; 365 by default. */
  auditRetentionDays?: number;
}

/** Every durable store of the bot, shared by all instances that use the same account and namespace. */
export interface AzureState extends SharedState {
  flows: FlowStore;
  requests: RequestStore;
  counters: Counters;
  inFlight: InFlightStore;
  appSettings: AppSettingsStore;
  conversations: ConversationDirectory;
  audit: AuditLog;
  /** Dialog and conversation state, pending sign-ins: botbuilder Storage on blobs. */
  botStorage: Storage;
  /** Agents' sealed token caches, one blob per agent (the identity adapter seals them). */
  tokenCache: TokenCacheStore;
  names: StorageNames;
  /** Create the tables and containers that are missing; idempotent and safe to race. */
  ensureCreated(): Promise<void>;
}

/**
 * Retries short enough that a turn is answered while Teams still waits for it (about 15 s for a
 * card click): three tries, a few hundred milliseconds apart, each given 4 s (the table client
 * aborts a try then; the blob client asks the server to give up, and reportingOutages bounds the
 * whole call). With the SDKs' defaults an unreachable account held a turn for 21-32 s; now the
 * user hears within a second or two that storage is out of reach.
 */
const TRIES = 3;
const TRY_TIMEOUT_MS = 4_000;
const RETRY_DELAY_MS = 300;
const MAX_RETRY_DELAY_MS = 1_000;

const BLOB_PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: TRIES, tryTimeoutInMs: TRY_TIMEOUT_MS, retryDelayInMs: RETRY_DELAY_MS, maxRetryDelayInMs: MAX_RETRY_DELAY_MS },
};

function tableOptions(connectionString: string): TableServiceClientOptions {
  return {
    allowInsecureConnection: isHttp(connectionString),
    retryOptions: { maxRetries: TRIES - 1, retryDelayInMs: RETRY_DELAY_MS, maxRetryDelayInMs: MAX_RETRY_DELAY_MS },
    // The table client has no per-try timeout of its own: without one a hung connection would hold
    // the turn for good.
    additionalPolicies: [
      {
        position: 'perRetry',
        policy: {
          name: 'passcodeDeskTryTimeout',
          sendRequest: (request, next) => {
            if (!request.timeout) request.timeout = TRY_TIMEOUT_MS;
            return next(request);
          },
        },
      },
    ],
  };
}

/**
 * Build the Azure-backed stores. Nothing is contacted until the first call (or ensureCreated).
 * Plain-http endpoints (Azurite on loopback) are allowed: the connection string decides.
 */
export function createAzureState(options: AzureStateOptions): AzureState {
  const names = storageNames(options.namespace);
  const tableClientOptions = tableOptions(options.connectionString);
  const table = (name: string) => TableClient.fromConnectionString(options.connectionString, name, tableClientOptions);
  const tables = {
    requests: table(names.tables.requests),
    counters: table(names.tables.counters),
    inFlight: table(names.tables.inFlight),
    settings: table(names.tables.settings),
    audit: table(names.tables.audit),
  };
  const blobs = BlobServiceClient.fromConnectionString(options.connectionString, BLOB_PIPELINE);
  const flowContainer = blobs.getContainerClient(names.containers.flows);
  const stateContainer = blobs.getContainerClient(names.containers.botState);
  const tokenContainer = blobs.getContainerClient(names.containers.tokens);
  const logger = options.logger.child({ component: 'state' });

  return {
    flows: reportingOutages(new BlobFlowStore(flowContainer)),
    requests: reportingOutages(new TableRequestStore(tables.requests)),
    counters: reportingOutages(new TableCounters(tables.counters)),
    inFlight: reportingOutages(new TableInFlightStore(tables.inFlight)),
    appSettings: reportingOutages(new TableAppSettingsStore(tables.settings)),
    conversations: reportingOutages(new TableConversationDirectory(tables.settings)),
    audit: reportingOutages(new TableAuditLog(tables.audit, options.logger, options.auditRetentionDays ?? 365)),
    botStorage: new OutageTolerantStorage(
      () => new BlobsStorage(options.connectionString, names.containers.botState, { storagePipelineOptions: BLOB_PIPELINE }),
    ),
    tokenCache: reportingOutages(new BlobTokenCacheStore(tokenContainer)),
    names,
    ensureCreated: async () => {
      // createTable already ignores "TableAlreadyExists"; createIfNotExists ignores an existing
      // container. A 409 of another kind while two instances race is also harmless.
      await Promise.all([
        ...Object.values(tables).map((client) => ignoreConflict(client.createTable())),
        ignoreConflict(flowContainer.createIfNotExists()),
        ignoreConflict(stateContainer.createIfNotExists()),
        ignoreConflict(tokenContainer.createIfNotExists()),
      ]);
      logger.info('state.ready', { namespace: options.namespace, tables: Object.values(names.tables).join(','), containers: Object.values(names.containers).join(',') });
    },
  };
}

async function ignoreConflict(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

/** Whether the table endpoint the connection string names is plain http (Azurite). */
function isHttp(connectionString: string): boolean {
  return /TableEndpoint=http:\/\/|DefaultEndpointsProtocol=http(;|$)|UseDevelopmentStorage=true/i.test(connectionString);
}
