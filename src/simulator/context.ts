import type { FaultRegistry } from './faults';
import type { SigningKey } from './jwt';
import type { SimRequestLog, SimTenantState } from './types';
import type { WriteThrottle } from './throttle';

/** Everything the route handlers of one simulator share. */
export interface SimContext {
  readonly state: SimTenantState;
  /** `https://127.0.0.1:PORT`, known once listening. */
  url: string;
  readonly signingKey: SigningKey;
  readonly actionDelayMs: number;
  readonly faults: FaultRegistry;
  readonly log: SimRequestLog[];
  /** resetPasscode POSTs received per device id. */
  readonly resetPosts: Map<string, number>;
  readonly writeThrottle: WriteThrottle | undefined;
  /** Test-only: tokens the simulator handed out, newest last (see RunningSimulator.issuedTokensForLeakChecks). */
  readonly issuedTokens: string[];
  /** Schedule work that must not outlive the simulator. */
  later(ms: number, work: () => void): void;
}

/** Tokens kept for leak checks: a test issues a few dozen; a long demo or benchmark must not grow. */
const MAX_RECORDED_TOKENS = 500;

/** Test-only: remember a token handed out, so a leak test can search for it (the newest 500). */
export function recordIssuedToken(ctx: SimContext, token: string): void {
  ctx.issuedTokens.push(token);
  if (ctx.issuedTokens.length > MAX_RECORDED_TOKENS) ctx.issuedTokens.splice(0, ctx.issuedTokens.length - MAX_RECORDED_TOKENS);
}

/** Where tokens say they come from: `${url}/${tenantId}/v2.0`, matching the discovery document. */
export const issuerOf = (ctx: SimContext): string => `${ctx.url}/${ctx.state.tenantId}/v2.0`;

/** The audience of Graph access tokens. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Teams desktop/web client, the usual `azp` of a Teams SSO token. */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
