/**
 * Table and container names, all derived from STATE_NAMESPACE so several deployments (or test
 * runs) can share one storage account. Tables: letters and digits, 3-63, starting with a letter.
 * Containers: lower-case letters, digits and single hyphens, 3-63.
 */
export interface StorageNames {
  tables: { requests: string; counters: string; inFlight: string; settings: string; audit: string };
  containers: { botState: string; flows: string; tokens: string };
}

const NAMESPACE = /^[a-z][a-z0-9]{2,23}$/;

export function storageNames(namespace: string): StorageNames {
  if (!NAMESPACE.test(namespace)) {
    throw new Error(`The state namespace must be 3-24 lower-case letters and digits, starting with a letter; got "${namespace}".`);
  }
  return {
    tables: {
      requests: `${namespace}requests`,
      counters: `${namespace}counters`,
      inFlight: `${namespace}inflight`,
      settings: `${namespace}settings`,
      audit: `${namespace}audit`,
    },
    containers: { botState: `${namespace}-state`, flows: `${namespace}-flows`, tokens: `${namespace}-tokens` },
  };
}
