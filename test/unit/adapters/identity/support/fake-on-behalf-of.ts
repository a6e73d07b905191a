import { createHash } from 'node:crypto';
import { TokenCacheContext, type AuthenticationResult, type OnBehalfOfRequest } from '@azure/msal-node';
import type { OnBehalfOfClientFactory } from '../../../../../src/adapters/identity/msal-delegated-token-provider';

interface CachedToken {
  secret: string;
  expires_on: string;
}

/**
 * msal's confidential client as far as the provider relies on it: each client has its own cache,
 * loaded and saved through the given plugin as msal does (accounts read → load; a token from Entra
 * → load, add, save), answering from it by assertion hash and scopes while a token has more than
 * five minutes left; otherwise it asks `entra` (the stub each test controls).
 */
export function fakeOnBehalfOf(entra: (request: OnBehalfOfRequest) => Promise<AuthenticationResult | null>, now: () => number): OnBehalfOfClientFactory {
  return (plugin) => {
    let tokens: Record<string, CachedToken> = {};
    const cache = {
      deserialize: (data: string) => {
        if (data) tokens = (JSON.parse(data) as { AccessToken: Record<string, CachedToken> }).AccessToken;
      },
      serialize: () => JSON.stringify({ AccessToken: tokens }),
      getKVStore: () => ({}),
    };
    const context = (changed: boolean) => new TokenCacheContext(cache, changed);
    return {
      getTokenCache: () => ({
        getAllAccounts: async () => {
          await plugin.beforeCacheAccess(context(false));
          await plugin.afterCacheAccess(context(false));
          return [];
        },
      }),
      acquireTokenOnBehalfOf: async (request) => {
        const key = `${createHash('sha256').update(request.oboAssertion).digest('hex')}|${request.scopes.join(' ')}`;
        const held = tokens[key];
        if (held && Number(held.expires_on) * 1000 - 5 * 60 * 1000 > now()) return { accessToken: held.secret } as AuthenticationResult;
        const result = await entra(request);
        if (result?.accessToken && result.expiresOn) {
          await plugin.beforeCacheAccess(context(true));
          tokens[key] = { secret: result.accessToken, expires_on: String(Math.floor(result.expiresOn.getTime() / 1000)) };
          await plugin.afterCacheAccess(context(true));
        }
        return result;
      },
    };
  };
}
