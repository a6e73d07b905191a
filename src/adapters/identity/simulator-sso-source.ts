import type { SilentSsoSource } from '../../ports/identity';

/**
 * DEMO MODE ONLY: the simulated tenant signs an SSO token for an oid, standing in for the token
 * Teams would hand over after an OAuthCard. Never wired outside demo mode.
 */
export class SimulatorSsoSource implements SilentSsoSource {
  private readonly url: string;

  constructor(simulatorUrl: string) {
    this.url = `${simulatorUrl.replace(/\/+$/, '')}/_sim/sso-token`;
  }

  async tryGetSsoToken(oid: string): Promise<string | undefined> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oid }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`The simulator refused to sign an SSO token (HTTP ${response.status}).`);
    const body: unknown = await response.json();
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['token'] : undefined;
    if (typeof token !== 'string' || !token) throw new Error('The simulator answered without a token.');
    return token;
  }
}
