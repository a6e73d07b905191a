import assert from 'node:assert/strict';
import { loadSettings } from '../../../src/config/settings';
import { DEMO_TENANT, PRODUCTION_ENV, problemsOf } from './settings-env';

const { TOKEN_CACHE_KEY: _key, ...WITHOUT_KEY } = PRODUCTION_ENV;
const NEW_KEY = Buffer.alloc(32, 2).toString('base64');

describe('token cache settings', () => {
  it('with storage outside demo mode, a missing TOKEN_CACHE_KEY stops start-up, listed with the other problems', () => {
    const problems = problemsOf({ ...WITHOUT_KEY, HELPDESK_GROUP_ID: '' });
    assert.equal(problems.length, 2);
    assert.ok(problems.some((problem) => /TOKEN_CACHE_KEY is required/.test(problem)));
  });

  it('reads the key and, during a rotation, the previous key', () => {
    const settings = loadSettings({ ...PRODUCTION_ENV, TOKEN_CACHE_KEY: NEW_KEY, TOKEN_CACHE_KEY_PREVIOUS: PRODUCTION_ENV.TOKEN_CACHE_KEY });
    assert.deepEqual(settings.tokenCache?.key, Buffer.alloc(32, 2));
    assert.deepEqual(settings.tokenCache?.previousKey, Buffer.alloc(32, 1));
  });

  it('refuses a key that is not 32 bytes of base64, naming the setting but never the value', () => {
    for (const value of [Buffer.alloc(16, 3).toString('base64'), 'not base64 at all!']) {
      const problems = problemsOf({ ...PRODUCTION_ENV, TOKEN_CACHE_KEY_PREVIOUS: value });
      assert.equal(problems.length, 1, value);
      assert.match(problems[0]!, /TOKEN_CACHE_KEY_PREVIOUS must be base64 of 32 bytes/);
      assert.ok(!problems[0]!.includes(value));
    }
  });

  it('a previous key without a current one is a mistake of the rotation', () => {
    const problems = problemsOf({ ...WITHOUT_KEY, TOKEN_CACHE_KEY_PREVIOUS: NEW_KEY });
    assert.ok(problems.some((problem) => /TOKEN_CACHE_KEY_PREVIOUS is set without TOKEN_CACHE_KEY/.test(problem)));
  });

  it('a demo needs no key: its token cache stays in memory', () => {
    assert.equal(loadSettings({ DEMO_MODE: '1', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, DEMO_TENANT).tokenCache, undefined);
  });
});
