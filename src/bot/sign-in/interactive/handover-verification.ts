import type { DelegatedTokenProvider } from '../../../ports/identity';
import type { Logger } from '../../../ports/logger';
import type { HandoverRefusal, InteractiveSignIn, SignInSubject } from './interactive-sign-in';

export type HandoverOutcome =
  | { kind: 'signedIn' }
  | { kind: 'refused'; reason: HandoverRefusal }
  /** The code was good, but the on-behalf-of refused the assertion (e.g. claims still unmet). */
  | { kind: 'failed'; error: unknown };

/** The value Teams sends after the page's `notifySuccess(code)`: `{ state: code }`. */
export function handoverCodeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = (value as Record<string, unknown>).state;
  return typeof state === 'string' && /^\s*\d{6}\s*$/.test(state) ? state.trim() : undefined;
}

/**
 * Turns a handover code from Teams into the agent's session: redeem it (one time, in time, same
 * user), then let the token provider adopt the assertion (the same checks and on-behalf-of as
 * Teams SSO).
 */
export class HandoverVerification {
  constructor(
    private readonly deps: { interactive: InteractiveSignIn; tokens: DelegatedTokenProvider; logger: Logger },
  ) {}

  async verify(code: string, subject: SignInSubject): Promise<HandoverOutcome> {
    const taken = this.deps.interactive.redeemHandover(code, subject);
    if (!taken.ok) return { kind: 'refused', reason: taken.reason };
    const { tokens } = this.deps;
    try {
      if (tokens.adoptUserAssertion) await tokens.adoptUserAssertion(taken.assertion, subject.oid);
      else await tokens.signIn(taken.assertion, subject.oid);
    } catch (error) {
      return { kind: 'failed', error };
    }
    return { kind: 'signedIn' };
  }
}
