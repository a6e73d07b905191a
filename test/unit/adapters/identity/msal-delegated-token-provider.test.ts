import assert from 'node:assert/strict';
import { AuthError, InteractionRequiredAuthError, ServerError, type AuthenticationResult, type OnBehalfOfRequest } from '@azure/msal-node';
import sinon from 'sinon';
import { AgentTokenCaches } from '../../../../src/adapters/identity/agent-token-caches';
import { MsalDelegatedTokenProvider, adminConsentUrl, graphResourceFor, graphScopes } from '../../../../src/adapters/identity/msal-delegated-token-provider';
import { TokenCacheCipher } from '../../../../src/adapters/identity/token-cache-cipher';
import { MemoryTokenCacheStore } from '../../../../src/adapters/memory/memory-token-cache-store';
import { fakeOnBehalfOf } from './support/fake-on-behalf-of';
import { ConsoleLogger } from '../../../../src/adapters/logging/console-logger';
import { AppError } from '../../../../src/domain/errors';
import { AGENT_OID, CLIENT, NOW_MS, TENANT, ssoToken } from './support/unsigned-jwt';
import { rejection } from '../../../support/app-error';

const AUTHORITY = 'https://login.microsoftonline.com';
const GRAPH = 'https://graph.microsoft.com';
const ACCESS_TOKEN = 'graph-access-token-for-agent';

const HOUR_MS = 60 * 60 * 1000;
/** Entra's answer: a token valid for an hour from NOW_MS, like the SSO token of ssoToken(). */
const result = (accessToken: string) => ({ accessToken, expiresOn: new Date(NOW_MS + HOUR_MS) }) as AuthenticationResult;
/** Past the point where the held token (an hour) is renewed, while the SSO token is still valid. */
const NEAR_EXPIRY_MS = NOW_MS + 56 * 60 * 1000;

const consentError = () =>
  new InteractionRequiredAuthError(
    'invalid_grant',
    'corr',
    "AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.",
    'consent_required',
    '',
    '',
    '',
    '65001',
  );
const mfaError = () =>
  new InteractionRequiredAuthError(
    'invalid_grant',
    'corr',
    'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
    'basic_action',
    '',
    '',
    '{"access_token":{"capolids":{"essential":true,"values":["p1"]}}}',
    '50076',
  );
const expiredAssertion = () =>
  new ServerError('invalid_grant', 'corr', 'AADSTS500133: Assertion is not within its valid time range.', undefined, '500133', 400);

describe('MsalDelegatedTokenProvider', () => {
  let obo: sinon.SinonStub<[OnBehalfOfRequest], Promise<AuthenticationResult | null>>;
  let lines: string[];
  let provider: MsalDelegatedTokenProvider;
  let nowMs: number;
  let store: MemoryTokenCacheStore;
  const KEY = Buffer.alloc(32, 7);

  /** A provider as one bot instance builds it, over the shared store. */
  const instance = (key: Buffer = KEY) =>
    new MsalDelegatedTokenProvider({
      msal: fakeOnBehalfOf(obo, () => nowMs),
      caches: new AgentTokenCaches(store, new TokenCacheCipher({ current: key }), () => nowMs, new ConsoleLogger({ level: 'debug', write: (line) => lines.push(line) })),
      tenantId: TENANT,
      clientId: CLIENT,
      authorityHost: AUTHORITY,
      graphEndpoint: GRAPH,
      now: () => nowMs,
    });

  beforeEach(() => {
    obo = sinon.stub<[OnBehalfOfRequest], Promise<AuthenticationResult | null>>().resolves(result(ACCESS_TOKEN));
    store = new MemoryTokenCacheStore(undefined, () => nowMs);
    nowMs = NOW_MS;
    lines = [];
    provider = new MsalDelegatedTokenProvider({
      msal: fakeOnBehalfOf(obo, () => nowMs),
      caches: new AgentTokenCaches(store, new TokenCacheCipher({ current: KEY }), () => nowMs),
      tenantId: TENANT,
      clientId: CLIENT,
      authorityHost: AUTHORITY,
      graphEndpoint: GRAPH,
      logger: new ConsoleLogger({ level: 'debug', write: (line) => lines.push(line) }),
      now: () => nowMs,
    });
  });

  it('asks for the Graph scopes of the configured Graph resource', () => {
    assert.deepEqual(graphScopes('https://graph.microsoft.com/'), [
      'https://graph.microsoft.com/DeviceManagementManagedDevices.PrivilegedOperations.All',
      'https://graph.microsoft.com/DeviceManagementManagedDevices.Read.All',
      'https://graph.microsoft.com/User.Read.All',
      'https://graph.microsoft.com/GroupMember.Read.All',
    ]);
  });

  it('requests tokens for Graph itself: a national cloud is its own resource, a private endpoint is not', () => {
    assert.equal(graphResourceFor('https://graph.microsoft.com'), 'https://graph.microsoft.com');
    assert.equal(graphResourceFor('https://graph.microsoft.us/'), 'https://graph.microsoft.us');
    assert.equal(graphResourceFor('https://127.0.0.1:8443'), 'https://graph.microsoft.com');
  });

  it('signIn exchanges the SSO token on behalf of the agent and remembers the session', async () => {
    const token = ssoToken();
    await provider.signIn(token, AGENT_OID);

    assert.equal(obo.callCount, 1);
    assert.deepEqual(obo.firstCall.args[0], { oboAssertion: token, scopes: graphScopes(GRAPH) });
    assert.equal(await provider.hasSession(AGENT_OID), true);
    assert.equal(await provider.hasSession(AGENT_OID.toUpperCase()), true);
  });

  it('getGraphToken answers with the token of the sign-in, without going back to Entra', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    assert.equal(await provider.getGraphToken(AGENT_OID), ACCESS_TOKEN);
    assert.equal(await provider.getGraphToken(AGENT_OID.toUpperCase()), ACCESS_TOKEN);
    assert.equal(obo.callCount, 1);
  });

  it('when the held token has less than five minutes left, getGraphToken exchanges the stored assertion again', async () => {
    const token = ssoToken();
    await provider.signIn(token, AGENT_OID);
    nowMs = NEAR_EXPIRY_MS;
    obo.resolves(result('renewed-token'));
    assert.equal(await provider.getGraphToken(AGENT_OID), 'renewed-token');
    assert.equal(obo.callCount, 2);
    assert.equal(obo.secondCall.args[0].oboAssertion, token);
  });

  it('a token for one permission is exchanged for it alone, then held beside the sign-in token', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    obo.resolves(result('user-read-only'));
    assert.equal(await provider.getGraphTokenFor(AGENT_OID, ['User.Read.All']), 'user-read-only');
    assert.equal(await provider.getGraphTokenFor(AGENT_OID, ['User.Read.All']), 'user-read-only');
    assert.equal(await provider.getGraphToken(AGENT_OID), ACCESS_TOKEN);
    assert.equal(obo.callCount, 2);
    assert.deepEqual(obo.secondCall.args[0].scopes, ['https://graph.microsoft.com/User.Read.All']);
  });

  it('an agent signed in on one instance gets tokens on another (or after a restart) without Entra', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    const other = instance();
    assert.equal(await other.hasSession(AGENT_OID), true);
    assert.equal(await other.getGraphToken(AGENT_OID), ACCESS_TOKEN);
    assert.equal(obo.callCount, 1);
  });

  it('forgetting the agent on one instance signs them out on every instance', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    const other = instance();
    await other.forget(AGENT_OID);
    assert.equal(await provider.hasSession(AGENT_OID), false);
    assert.equal((await rejection(provider.getGraphToken(AGENT_OID))).code, 'auth.signInRequired');
    assert.equal(store.size, 0);
  });

  it('a renewal finishing after a sign-out elsewhere does not sign the agent back in', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    nowMs = NEAR_EXPIRY_MS;
    obo.callsFake(async () => {
      await instance().forget(AGENT_OID);
      return result('renewed-token');
    });
    assert.equal(await provider.getGraphToken(AGENT_OID), 'renewed-token');
    assert.equal(await instance().hasSession(AGENT_OID), false);
  });

  it('with a wrong key, the stored sign-in fails closed: a clear log line, no session, and a new sign-in works', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    const misconfigured = instance(Buffer.alloc(32, 9));
    assert.equal(await misconfigured.hasSession(AGENT_OID), false);
    assert.equal((await rejection(misconfigured.getGraphToken(AGENT_OID))).code, 'auth.signInRequired');
    assert.ok(lines.some((line) => line.includes('auth.tokenCacheUnreadable') && line.includes('TOKEN_CACHE_KEY')));
    await misconfigured.signIn(ssoToken(), AGENT_OID);
    assert.equal(await misconfigured.getGraphToken(AGENT_OID), ACCESS_TOKEN);
  });

  it('after a key rotation, the previous key still opens what it sealed', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    const rotated = new MsalDelegatedTokenProvider({
      msal: fakeOnBehalfOf(obo, () => nowMs),
      caches: new AgentTokenCaches(store, new TokenCacheCipher({ current: Buffer.alloc(32, 8), previous: KEY }), () => nowMs),
      tenantId: TENANT,
      clientId: CLIENT,
      authorityHost: AUTHORITY,
      graphEndpoint: GRAPH,
      now: () => nowMs,
    });
    assert.equal(await rotated.getGraphToken(AGENT_OID), ACCESS_TOKEN);
    assert.equal(obo.callCount, 1);
  });

  it('nothing token-like is stored in clear', async () => {
    const token = ssoToken();
    await provider.signIn(token, AGENT_OID);
    const stored = JSON.stringify(await store.get(AGENT_OID));
    assert.ok(stored.length > 100);
    assert.ok(!stored.includes(ACCESS_TOKEN));
    assert.ok(!stored.includes(token.split('.')[1] ?? 'x'));
  });

  it('when both the SSO token and the held token have expired, then sign-in is required without asking Entra', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    nowMs = NOW_MS + 2 * HOUR_MS;
    assert.equal(await provider.hasSession(AGENT_OID), false);
    assert.equal((await rejection(provider.getGraphToken(AGENT_OID))).code, 'auth.signInRequired');
    assert.equal(obo.callCount, 1);
  });

  it('without a session, getGraphToken says sign-in is required and asks msal nothing', async () => {
    const error = await rejection(provider.getGraphToken(AGENT_OID));
    assert.equal(error.code, 'auth.signInRequired');
    assert.equal(obo.callCount, 0);
  });

  it('a token of another user is refused before anything reaches Entra', async () => {
    const error = await rejection(provider.signIn(ssoToken(), 'b0b0b0b0-0000-4000-8000-000000000009'));
    assert.equal(error.code, 'auth.tokenRejected');
    assert.equal(obo.callCount, 0);
    assert.equal(await provider.hasSession(AGENT_OID), false);
  });

  it('consent_required becomes auth.consentRequired with the admin-consent link', async () => {
    obo.rejects(consentError());
    const error = await rejection(provider.signIn(ssoToken(), AGENT_OID));
    assert.equal(error.code, 'auth.consentRequired');
    assert.equal(error.details.consentUrl, `${AUTHORITY}/${TENANT}/adminconsent?client_id=${CLIENT}`);
    assert.equal(error.details.errorCode, 'AADSTS65001');
    assert.equal(await provider.hasSession(AGENT_OID), false);
  });

  it('a plain ServerError carrying AADSTS65001 is a consent problem too', async () => {
    obo.rejects(new ServerError('invalid_grant', 'corr', 'AADSTS65001: not consented'));
    assert.equal((await rejection(provider.signIn(ssoToken(), AGENT_OID))).code, 'auth.consentRequired');
  });

  it('MFA / Conditional Access becomes auth.interactionRequired with the claims challenge', async () => {
    obo.rejects(mfaError());
    const error = await rejection(provider.signIn(ssoToken(), AGENT_OID));
    assert.equal(error.code, 'auth.interactionRequired');
    assert.equal(error.details.claims, '{"access_token":{"capolids":{"essential":true,"values":["p1"]}}}');
    assert.equal(error.details.errorCode, 'AADSTS50076');
  });

  for (const code of ['50079', '50158']) {
    it(`AADSTS${code} without msal's classification is interaction too`, async () => {
      obo.rejects(new ServerError('invalid_grant', 'corr', `AADSTS${code}: more needed`, undefined, code));
      assert.equal((await rejection(provider.signIn(ssoToken(), AGENT_OID))).code, 'auth.interactionRequired');
    });
  }

  it('interaction needed later drops the session', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    nowMs = NEAR_EXPIRY_MS;
    obo.rejects(mfaError());
    assert.equal((await rejection(provider.getGraphToken(AGENT_OID))).code, 'auth.interactionRequired');
    assert.equal(await provider.hasSession(AGENT_OID), false);
  });

  it('when Entra finds the stored assertion expired, then the session is forgotten and sign-in is required', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    nowMs = NEAR_EXPIRY_MS;
    obo.rejects(expiredAssertion());
    const error = await rejection(provider.getGraphToken(AGENT_OID));
    assert.equal(error.code, 'auth.signInRequired');
    assert.equal(await provider.hasSession(AGENT_OID), false);
  });

  it('Entra refusing a fresh SSO token is auth.tokenRejected, and no session is kept', async () => {
    obo.rejects(expiredAssertion());
    assert.equal((await rejection(provider.signIn(ssoToken(), AGENT_OID))).code, 'auth.tokenRejected');
    assert.equal(await provider.hasSession(AGENT_OID), false);
  });

  it('any other msal failure is auth.unexpected and keeps the session (it may be transient)', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    nowMs = NEAR_EXPIRY_MS;
    obo.rejects(new AuthError('network_error', 'corr', 'Network request failed'));
    assert.equal((await rejection(provider.getGraphToken(AGENT_OID))).code, 'auth.unexpected');
    obo.rejects(new Error('boom'));
    assert.equal((await rejection(provider.getGraphToken(AGENT_OID))).code, 'auth.unexpected');
    assert.equal(await provider.hasSession(AGENT_OID), true);
  });

  it('an answer without an access token is auth.unexpected', async () => {
    obo.resolves(null);
    assert.equal((await rejection(provider.signIn(ssoToken(), AGENT_OID))).code, 'auth.unexpected');
  });

  it('forget removes the session', async () => {
    await provider.signIn(ssoToken(), AGENT_OID);
    await provider.forget(AGENT_OID);
    assert.equal(await provider.hasSession(AGENT_OID), false);
  });

  it('neither the SSO token nor the access token appears in logs or errors', async () => {
    const token = ssoToken();
    await provider.signIn(token, AGENT_OID);
    await provider.getGraphToken(AGENT_OID);
    nowMs = NEAR_EXPIRY_MS;
    const errors: AppError[] = [];
    for (const failure of [consentError(), mfaError(), expiredAssertion()]) {
      obo.rejects(failure);
      errors.push(await rejection(provider.getGraphToken(AGENT_OID)));
      await provider.signIn(token, AGENT_OID).catch((e: AppError) => errors.push(e));
    }
    const everything = lines.join('\n') + errors.map((e) => `${e.message} ${JSON.stringify(e.details)}`).join('\n');
    assert.ok(lines.length > 0);
    assert.ok(!everything.includes(token));
    assert.ok(!everything.includes(token.split('.')[1] ?? 'x'));
    assert.ok(!everything.includes(ACCESS_TOKEN));
  });

  it('builds the admin-consent link from the authority host', () => {
    assert.equal(adminConsentUrl('https://login.microsoftonline.us/', 't1', 'c1'), 'https://login.microsoftonline.us/t1/adminconsent?client_id=c1');
  });
});
