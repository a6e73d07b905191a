import { AppError } from '../../domain/errors';
import { isRecord } from './graph-parsers';
import { buildQueryString, type QueryOptions } from './odata';

/** One GET inside a `$batch`: its id, and the path (already encoded) and query relative to the version. */
export interface BatchGet {
  id: string;
  path: string;
  query?: QueryOptions;
}

/** One answer inside a `$batch` answer. */
export interface BatchPart {
  status: number;
  body: unknown;
}

/** The body of `POST /{version}/$batch` for independent GETs (at most 20, Graph's limit). */
export function batchBody(gets: readonly BatchGet[]): { requests: Array<{ id: string; method: 'GET'; url: string }> } {
  if (gets.length === 0 || gets.length > 20) throw new AppError('graph.unexpected', 'A Graph batch holds 1 to 20 requests.');
  return { requests: gets.map((get) => ({ id: get.id, method: 'GET', url: `${get.path}${buildQueryString(get.query)}` })) };
}

/**
 * The parts of a `$batch` answer by id. Graph may answer them in any order, and each part has
 * its own status (a 429 can sit inside a 200 batch), so callers look each one up and check it.
 */
export function batchParts(answer: unknown): Map<string, BatchPart> {
  if (!isRecord(answer) || !Array.isArray(answer['responses'])) {
    throw new AppError('graph.unexpected', 'Microsoft Graph answered $batch without a responses array.');
  }
  const parts = new Map<string, BatchPart>();
  for (const response of answer['responses']) {
    if (!isRecord(response) || typeof response['id'] !== 'string' || typeof response['status'] !== 'number') continue;
    parts.set(response['id'], { status: response['status'], body: response['body'] });
  }
  return parts;
}
