/**
 * Where the identity adapter keeps each signed-in agent's token cache: one partition per agent,
 * holding one sealed (encrypted) record that the store never reads. Shared by every instance that
 * uses the same storage account, so a sign-in on one instance serves all of them.
 */
export interface SealedRecord {
  /** Ciphertext as text; the store keeps it as given. */
  sealed: string;
  /** Past this instant the record is worth nothing: the store may drop it, and no reader uses it. */
  expiresAtMs: number;
}

/** A record as read, with the version a conditional write compares against. */
export interface VersionedRecord extends SealedRecord {
  version: string;
}

export interface TokenCacheStore {
  /** The partition's record, or undefined when there is none. */
  get(partition: string): Promise<VersionedRecord | undefined>;
  /**
   * Write the partition's record. With `ifVersion`, only over that very version (false when the
   * record changed or was deleted since, e.g. the agent signed out meanwhile); without, always.
   */
  set(partition: string, record: SealedRecord, ifVersion?: string): Promise<boolean>;
  /** Delete the partition's record, if any. */
  delete(partition: string): Promise<void>;
}
