import type { ContainerClient } from '@azure/storage-blob';
import type { ResetFlow } from '../../domain/reset/reset-flow';
import type { FlowStore } from '../../ports/flow-store';
import { AlreadyExistsError, isConflict, isNotFound, isPreconditionFailed } from './azure-errors';
import { assertNoSecrets } from './stored-json';
import { keyPart } from './table-keys';

/**
 * Agent flows as JSON blobs, one per flow. Why Blob: a flow is a document read and written whole
 * by id and never queried, and its device list can outgrow a Table property; Blob conditional
 * requests give exactly the two guarantees needed: create-if-absent (If-None-Match: *) and
 * compare-and-set (If-Match: the ETag read with the revision we checked).
 */
export class BlobFlowStore implements FlowStore {
  constructor(private readonly container: ContainerClient) {}

  async get(id: string): Promise<ResetFlow | undefined> {
    return (await this.read(id))?.flow;
  }

  async create(flow: ResetFlow): Promise<void> {
    try {
      await this.write(flow, { ifNoneMatch: '*' });
    } catch (error) {
      if (isConflict(error)) throw new AlreadyExistsError('flow', flow.id);
      throw error;
    }
  }

  async replace(flow: ResetFlow, expectedRevision: number): Promise<boolean> {
    const current = await this.read(flow.id);
    if (!current || current.flow.revision !== expectedRevision) return false;
    try {
      await this.write(flow, { ifMatch: current.etag });
      return true;
    } catch (error) {
      // Someone wrote since our read (412), or removed it (404): not ours to change.
      if (isPreconditionFailed(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  private blob(id: string) {
    return this.container.getBlockBlobClient(`flows/${keyPart(id)}.json`);
  }

  private async read(id: string): Promise<{ flow: ResetFlow; etag: string } | undefined> {
    try {
      const response = await this.blob(id).download();
      const text = await readAll(response.readableStreamBody);
      const flow: unknown = JSON.parse(text);
      if (!isFlowLike(flow) || !response.etag) throw new Error(`The stored flow ${id} is not a flow.`);
      return { flow, etag: response.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async write(flow: ResetFlow, conditions: { ifNoneMatch?: string; ifMatch?: string }): Promise<void> {
    assertNoSecrets(flow);
    const body = JSON.stringify(flow);
    await this.blob(flow.id).upload(body, Buffer.byteLength(body), {
      conditions,
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }
}

function isFlowLike(value: unknown): value is ResetFlow {
  if (typeof value !== 'object' || value === null) return false;
  const flow = value as { id?: unknown; revision?: unknown; state?: unknown };
  return typeof flow.id === 'string' && typeof flow.revision === 'number' && typeof flow.state === 'string';
}

export async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
