import { DistributedCachePlugin, type ICacheClient, type ICachePlugin, type IPartitionManager } from '@azure/msal-node';
import { partitionOf, type AgentTokenCaches, type StoredAgentSession } from './agent-token-caches';

/**
 * msal's distributed cache plugin bound to one agent's partition, for one msal client that serves
 * that agent alone (msal keeps one in-memory cache per client, so a client shared by agents would
 * mix their tokens). The session was read already: msal's read gets it without another trip to
 * storage, and msal's write seals it back with the same assertion.
 *
 * `conditional`: a write after a token renewal goes through only over the version read, so an
 * agent who signed out on another instance meanwhile stays signed out; a sign-in writes always.
 */
export function agentCachePlugin(caches: AgentTokenCaches, oid: string, session: StoredAgentSession, conditional: boolean): ICachePlugin {
  const partition = partitionOf(oid);
  const current = { ...session };
  const client: ICacheClient = {
    get: async (key) => {
      assertPartition(key, partition);
      return current.msalCache;
    },
    set: async (key, value) => {
      assertPartition(key, partition);
      current.msalCache = value;
      await caches.write(oid, current, conditional ? current.version : undefined);
      return value;
    },
  };
  const partitions: IPartitionManager = {
    getKey: async () => partition,
    // One partition per agent: whatever account msal read from the token, it is this agent's.
    extractKey: async () => partition,
  };
  return new DistributedCachePlugin(client, partitions);
}

function assertPartition(key: string, partition: string): void {
  if (key !== partition) throw new Error('msal asked for a token cache partition other than the agent’s.');
}
