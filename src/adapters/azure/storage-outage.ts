import type { Storage, StoreItems } from 'botbuilder';
import { AppError } from '../../domain/errors';
import { isUnreachable } from './azure-errors';

/**
 * The longest one store call may take. The table client aborts a try after a few seconds, but the
 * blob client only asks the server to give up (its try timeout is a URL parameter), so a
 * connection that is never answered would hold the turn until the operating system gives up.
 */
export const CALL_DEADLINE_MS = 10_000;

/** Thrown when a call outlasts its deadline; the call itself may still finish later. */
export class StorageDeadlineError extends Error {
  constructor(deadlineMs: number) {
    super(`Azure Storage did not answer within ${deadlineMs} ms.`);
    this.name = 'StorageDeadlineError';
  }
}

/** The call's outcome, or StorageDeadlineError once `deadlineMs` has passed. */
export function withinDeadline<T>(call: Promise<T>, deadlineMs = CALL_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageDeadlineError(deadlineMs)), deadlineMs);
  });
  // A call that fails after its deadline has nobody left to tell.
  call.catch(() => undefined);
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

/** state.unavailable for a failure to reach Azure Storage; any other error as it was. */
export function asStateUnavailable(error: unknown): unknown {
  return isOutage(error) ? new AppError('state.unavailable', 'Azure Storage could not be reached.', {}, { cause: error }) : error;
}

/**
 * The same store, with every call that could not reach Azure Storage rejected with
 * state.unavailable: whoever catches it (a dialog, a card click, the last-resort turn handler)
 * holds the error the user should be told about, not an SDK error they would get as "something
 * went wrong".
 */
export function reportingOutages<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, property) {
      const member: unknown = Reflect.get(target, property);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]): unknown => {
        const result: unknown = member.apply(target, args);
        return result instanceof Promise
          ? withinDeadline(result).catch((error: unknown) => {
              throw asStateUnavailable(error);
            })
          : result;
      };
    },
  });
}

/**
 * botbuilder Storage (dialog state, pending sign-ins) that comes back after an outage. A
 * BlobsStorage checks its container on first use and keeps the outcome, a failed check included,
 * so after a call that could not reach storage the next one starts with a new BlobsStorage.
 */
export class OutageTolerantStorage implements Storage {
  private current: Storage;

  constructor(private readonly open: () => Storage) {
    this.current = open();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.call((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.call((storage) => storage.delete(keys));
  }

  private async call<T>(operation: (storage: Storage) => Promise<T>): Promise<T> {
    try {
      return await withinDeadline(operation(this.current));
    } catch (error) {
      if (!isOutage(error)) throw error;
      this.current = this.open();
      throw asStateUnavailable(error);
    }
  }
}

function isOutage(error: unknown): boolean {
  return error instanceof StorageDeadlineError || isUnreachable(error);
}
