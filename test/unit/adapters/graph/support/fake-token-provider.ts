import { AppError } from '../../../../../src/domain/errors';
import type { DelegatedTokenProvider } from '../../../../../src/ports/identity';

/** Hands out a fixed token per oid; records forget() calls. */
export class FakeTokenProvider implements DelegatedTokenProvider {
  readonly forgotten: string[] = [];
  readonly tokens = new Map<string, string>();

  constructor(entries: Record<string, string> = {}) {
    for (const [oid, token] of Object.entries(entries)) this.tokens.set(oid, token);
  }

  signIn(): Promise<void> {
    return Promise.resolve();
  }

  getGraphToken(oid: string): Promise<string> {
    const token = this.tokens.get(oid);
    return token ? Promise.resolve(token) : Promise.reject(new AppError('auth.signInRequired', 'no session'));
  }

  async hasSession(oid: string): Promise<boolean> {
    return this.tokens.has(oid);
  }

  async forget(oid: string): Promise<void> {
    this.forgotten.push(oid);
    this.tokens.delete(oid);
  }
}
