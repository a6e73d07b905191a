import assert from 'node:assert/strict';
import { loadSettings } from '../../../src/config/settings';
import { DEMO_TENANT, PRODUCTION_ENV, problemsOf } from './settings-env';

const PRODUCTION = PRODUCTION_ENV;
const DEMO = DEMO_TENANT;
const IDENTITY = { MicrosoftAppId: PRODUCTION.AAD_APP_CLIENT_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: PRODUCTION.AAD_APP_TENANT_ID };

describe('HOST: where the bot listens', () => {
  it('without a bot identity, listens on loopback unless told another loopback address', () => {
    assert.equal(loadSettings(PRODUCTION).host, '127.0.0.1');
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) assert.equal(loadSettings({ ...PRODUCTION, HOST: host }).host, host);
    assert.equal(loadSettings({ DEMO_MODE: '1' }, DEMO).host, '127.0.0.1');
  });

  it('without a bot identity, refuses to listen anywhere else, demo included, with one message naming the identity', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.4', 'passcodedesk.contoso.com', '128.0.0.1']) {
      const expected = [
        `HOST=${host} needs MicrosoftAppId: without a bot identity no request is authenticated, so the bot only listens on loopback (127.0.0.1, ::1 or localhost). Set MicrosoftAppId, or leave HOST empty.`,
      ];
      assert.deepEqual(problemsOf({ ...PRODUCTION, HOST: host }), expected, host);
      assert.deepEqual(problemsOf({ DEMO_MODE: '1', HOST: host }, DEMO), expected, `demo ${host}`);
    }
  });

  it('with a bot identity, listens on all interfaces by default, or where HOST says', () => {
    assert.equal(loadSettings({ ...PRODUCTION, ...IDENTITY }).host, undefined);
    assert.equal(loadSettings({ ...PRODUCTION, ...IDENTITY, HOST: '0.0.0.0' }).host, '0.0.0.0');
  });
});

describe('TEAMS_SERVICE_URL_HOSTS: service URL hosts trusted besides Teams’ own', () => {
  it('is empty by default, and reads host names separated by commas, in lower case', () => {
    assert.deepEqual(loadSettings(PRODUCTION).teamsServiceUrlHosts, []);
    assert.deepEqual(loadSettings({ ...PRODUCTION, TEAMS_SERVICE_URL_HOSTS: ' 127.0.0.1, *.Bots.Contoso.com ,,proxy.contoso.com' }).teamsServiceUrlHosts, [
      '127.0.0.1',
      '*.bots.contoso.com',
      'proxy.contoso.com',
    ]);
  });

  it('refuses what is not a host name, and a wildcard over a whole top-level domain, naming each', () => {
    assert.deepEqual(problemsOf({ ...PRODUCTION, TEAMS_SERVICE_URL_HOSTS: 'https://x.example/,*,*.com,ok.example,a b' }), [
      'TEAMS_SERVICE_URL_HOSTS must list host names separated by commas ("*." in front for every name under a domain of two labels or more); got "https://x.example/", "*", "*.com", "a b".',
    ]);
  });
});
