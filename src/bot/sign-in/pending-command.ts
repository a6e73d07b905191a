import type { Command } from '../../commands/parse-command';

/** The typed commands that wait for a sign-in and run, on any instance, once it is done. */
export type PendingCommand = Extract<Command, { kind: 'resetFor' | 'history' | 'showPasscode' | 'setupCheck' | 'useThisChannel' }>;

/**
 * The command as stored. Field names stay clear of words storage refuses (passcode, token,
 * secret): `kind` holds `showPasscode` as a value, never as a field.
 */
export function storedCommand(command: PendingCommand): Record<string, string> {
  const stored: Record<string, string> = { kind: command.kind };
  if ('query' in command && command.query !== undefined) stored.query = command.query;
  if ('reason' in command && command.reason !== undefined) stored.reason = command.reason;
  return stored;
}

/**
 * The command a stored pending sign-in waits for. `legacyQuery`: items stored before commands
 * were kept held only a reset's `query`, and still run as that reset.
 */
export function parsePendingCommand(value: unknown, legacyQuery: unknown): PendingCommand | undefined {
  if (value === undefined) return typeof legacyQuery === 'string' ? { kind: 'resetFor', query: legacyQuery } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const query = typeof v.query === 'string' ? v.query : undefined;
  switch (v.kind) {
    case 'resetFor':
      return query === undefined ? undefined : { kind: 'resetFor', query };
    case 'history':
      return query === undefined ? { kind: 'history' } : { kind: 'history', query };
    case 'showPasscode':
      if (query === undefined) return undefined;
      return typeof v.reason === 'string' ? { kind: 'showPasscode', query, reason: v.reason } : { kind: 'showPasscode', query };
    case 'setupCheck':
      return { kind: 'setupCheck' };
    case 'useThisChannel':
      return { kind: 'useThisChannel' };
    default:
      return undefined;
  }
}
