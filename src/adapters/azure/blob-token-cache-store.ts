import type { ContainerClient } from '@azure/storage-blob';
import type { SealedRecord, TokenCacheStore, VersionedRecord } from '../../ports/token-cache-store';
import { isNotFound, isPreconditionFailed } from './azure-errors';
import { readAll } from './blob-flow-store';
import { keyPart } from './table-keys';

/**
 * The shared token cache: one blob per agent partition, holding only the sealed record (the
 * identity adapter encrypts; nothing here can read a token). Why Blob: a partition is read and
 * written whole, its size grows with the tokens msal keeps (beyond a Table property's 64 KiB is
 * possible), and its ETag gives the conditional write that keeps a sign-out from being undone.
 * The expiry rides in the blob's metadata, so stale records can be found without opening them.
 */
export class BlobTokenCacheStore implements TokenCacheStore {
  constructor(private readonly container: ContainerClient) {}

  async get(partition: string): Promise<VersionedRecord | undefined> {
    try {
      const response = await this.blob(partition).download();
      const expiresAtMs = Number(response.metadata?.expiresat);
      if (!response.etag || !Number.isFinite(expiresAtMs)) return undefined;
      return { sealed: await readAll(response.readableStreamBody), expiresAtMs, version: response.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async set(partition: string, record: SealedRecord, ifVersion?: string): Promise<boolean> {
    try {
      await this.blob(partition).upload(record.sealed, Buffer.byteLength(record.sealed), {
        conditions: ifVersion === undefined ? {} : { ifMatch: ifVersion },
        metadata: { expiresat: String(record.expiresAtMs) },
        blobHTTPHeaders: { blobContentType: 'text/plain' },
      });
      return true;
    } catch (error) {
      // Changed since our read (412) or deleted meanwhile (404): a newer sign-in or a sign-out wins.
      if (isPreconditionFailed(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(partition: string): Promise<void> {
    await this.blob(partition).deleteIfExists();
  }

  private blob(partition: string) {
    return this.container.getBlockBlobClient(`agents/${keyPart(partition)}`);
  }
}
