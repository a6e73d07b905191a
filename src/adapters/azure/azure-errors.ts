/** The HTTP status of an Azure SDK error (RestError carries `statusCode`), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** 409: the entity or blob exists already (a create-if-absent lost). */
export const isConflict = (error: unknown): boolean => statusOf(error) === 409;
/** 412: the ETag changed since we read (a compare-and-set lost). */
export const isPreconditionFailed = (error: unknown): boolean => statusOf(error) === 412;
export const isNotFound = (error: unknown): boolean => statusOf(error) === 404;

/** A create-if-absent found the id taken. The message names the kind and id only. */
export class AlreadyExistsError extends Error {
  constructor(kind: string, id: string) {
    super(`A ${kind} with id ${id} already exists.`);
    this.name = 'AlreadyExistsError';
  }
}
