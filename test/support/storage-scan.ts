import { TableClient, TableServiceClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';

/** One stored item as text: a table entity (JSON) or a blob (its content and metadata). */
export interface StoredItem {
  /** `table/<name>/<partitionKey>/<rowKey>` or `blob/<container>/<name>`. */
  where: string;
  text: string;
}

/**
 * Everything an account holds in tables and blobs, read back as text, so a test can show that a
 * secret is nowhere in storage: every table of the account (not only the ones we know the names
 * of), every entity, every container, every blob with its metadata.
 */
export async function readWholeAccount(connectionString: string): Promise<StoredItem[]> {
  const insecure = { allowInsecureConnection: /TableEndpoint=http:\/\//i.test(connectionString) };
  const items: StoredItem[] = [];

  const tables = TableServiceClient.fromConnectionString(connectionString, insecure);
  for await (const table of tables.listTables()) {
    if (!table.name) continue;
    const client = TableClient.fromConnectionString(connectionString, table.name, insecure);
    for await (const entity of client.listEntities()) {
      items.push({ where: `table/${table.name}/${entity.partitionKey}/${entity.rowKey}`, text: JSON.stringify(entity) });
    }
  }

  const blobs = BlobServiceClient.fromConnectionString(connectionString);
  for await (const container of blobs.listContainers({ includeMetadata: true })) {
    const client = blobs.getContainerClient(container.name);
    for await (const blob of client.listBlobsFlat({ includeMetadata: true, includeTags: true })) {
      const content = await client.getBlobClient(blob.name).downloadToBuffer();
      items.push({ where: `blob/${container.name}/${blob.name}`, text: `${JSON.stringify(blob.metadata ?? {})}\n${content.toString('utf8')}` });
    }
  }
  return items;
}

/** Where in the account `secret` appears (empty when nowhere). */
export async function findInAccount(connectionString: string, secret: string): Promise<string[]> {
  return (await readWholeAccount(connectionString)).filter((item) => item.text.includes(secret)).map((item) => item.where);
}
