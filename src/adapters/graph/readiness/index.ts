import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError } from '../../../domain/errors';
import type { AppTokenProvider, DelegatedPrincipal, DelegatedTokenProvider } from '../../../ports/identity';
import type { Logger } from '../../../ports/logger';
import type { ReadinessGateway, ReadinessGatewayFactory } from '../../../ports/readiness-gateway';
import { GraphHttp } from '../graph-http';
import { GraphReadinessGateway, type CallPurpose, type PurposeSender } from './graph-readiness-gateway';

export { GraphReadinessGateway } from './graph-readiness-gateway';

/** The delegated token source: sessions of signed-in users, and a token for chosen permissions. */
export interface ScopedDelegatedTokens {
  getGraphToken(oid: string): Promise<string>;
  getGraphTokenFor(oid: string, permissions: readonly string[]): Promise<string>;
  forget(oid: string): Promise<void>;
}

/** The delegated permission each kind of call needs (one on-behalf-of per permission). */
export const PERMISSION_FOR: Readonly<Record<Exclude<CallPurpose, 'directory'>, string>> = {
  organization: 'User.Read',
  applications: 'Application.Read.All',
  configuration: 'DeviceManagementConfiguration.ReadWrite.All',
};

/** Delegated permissions the readiness check uses beyond the sign-in's. */
export const READINESS_PERMISSIONS: readonly string[] = Object.values(PERMISSION_FOR);

export interface ReadinessGatewaySettings {
  /** The shared Graph client (createGraphClient). */
  client: Client;
  graphEndpoint: string;
  /** The signed-in users' tokens; absent for an app-only run (the terminal). */
  delegated?: ScopedDelegatedTokens;
  appTokens: AppTokenProvider;
  logger?: Logger;
  timeoutMs?: number;
}

/** Without a token provider for users (the terminal), every delegated call asks for a sign-in. */
const NO_USERS: ScopedDelegatedTokens = {
  getGraphToken: () => Promise.reject(new AppError('auth.signInRequired', 'No signed-in user in an app-only run.')),
  getGraphTokenFor: () => Promise.reject(new AppError('auth.signInRequired', 'No signed-in user in an app-only run.')),
  forget: async () => undefined,
};

/** App-only calls go through GraphHttp too; its principal is then only a label. */
const APP: DelegatedPrincipal = { kind: 'delegated', oid: 'app-only' };

/**
 * Readiness gateways over Graph. GraphHttp fetches a token per call from a DelegatedTokenProvider;
 * each purpose gets one whose token holds exactly the permission that purpose needs.
 */
export function createReadinessGateways(settings: ReadinessGatewaySettings): ReadinessGatewayFactory {
  const logger = settings.logger?.child({ component: 'graph', feature: 'readiness' });
  const httpWith = (getGraphToken: (oid: string) => Promise<string>, forget: (oid: string) => Promise<void>): GraphHttp => {
    const tokens: DelegatedTokenProvider = {
      getGraphToken,
      forget,
      hasSession: async () => true,
      signIn: () => Promise.reject(new AppError('auth.unexpected', 'The readiness gateway does not sign anyone in.')),
    };
    return new GraphHttp({ client: settings.client, tokens, graphEndpoint: settings.graphEndpoint, logger, timeoutMs: settings.timeoutMs });
  };

  const { appTokens } = settings;
  const delegated: ScopedDelegatedTokens = settings.delegated ?? NO_USERS;
  const forgetUser = (oid: string): Promise<void> => delegated.forget(oid);
  const delegatedHttp: Record<CallPurpose, GraphHttp> = {
    directory: httpWith((oid) => delegated.getGraphToken(oid), forgetUser),
    organization: httpWith((oid) => delegated.getGraphTokenFor(oid, [PERMISSION_FOR.organization]), forgetUser),
    applications: httpWith((oid) => delegated.getGraphTokenFor(oid, [PERMISSION_FOR.applications]), forgetUser),
    configuration: httpWith((oid) => delegated.getGraphTokenFor(oid, [PERMISSION_FOR.configuration]), forgetUser),
  };
  const appHttp = httpWith(() => appTokens.getAppGraphToken(), async () => undefined);
  const appOnly: PurposeSender = { http: () => appHttp, principal: APP };

  return {
    asUser(oid: string): ReadinessGateway {
      return new GraphReadinessGateway({
        mode: 'delegated',
        sender: { http: (purpose) => delegatedHttp[purpose], principal: { kind: 'delegated', oid } },
        appOnly,
        probe: async (permission) => {
          await delegated.getGraphTokenFor(oid, [permission]);
        },
      });
    },
    appOnly(): ReadinessGateway {
      return new GraphReadinessGateway({ mode: 'appOnly', sender: appOnly, appOnly });
    },
  };
}
