import assert from 'node:assert/strict';
import { loadSettings, SettingsError, storageConnectionStringProblem } from '../../../src/config/settings';
import { DEMO_TENANT, PRODUCTION_ENV, problemsOf } from './settings-env';

const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** Everything but the storage setting. */
const { AZURE_STORAGE_CONNECTION_STRING: _storage, ...PRODUCTION } = PRODUCTION_ENV;
const DEMO = DEMO_TENANT;

describe('storage settings', () => {
  it('outside demo mode, a missing AZURE_STORAGE_CONNECTION_STRING is listed with the other problems', () => {
    const problems = problemsOf({ ...PRODUCTION });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /AZURE_STORAGE_CONNECTION_STRING is required/);
  });

  it('accepts an account connection string, explicit endpoints, a SAS, or the development shortcut', () => {
    for (const value of [
      `DefaultEndpointsProtocol=https;AccountName=contosodesk;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;`,
      'BlobEndpoint=https://x.blob.core.windows.net;TableEndpoint=https://x.table.core.windows.net;SharedAccessSignature=sv=2024&sig=abc',
      'UseDevelopmentStorage=true',
    ]) {
      assert.equal(storageConnectionStringProblem(value), undefined, value.slice(0, 40));
      const settings = loadSettings({ ...PRODUCTION, AZURE_STORAGE_CONNECTION_STRING: value, STATE_NAMESPACE: 'deskprod' });
      assert.deepEqual(settings.storage, { connectionString: value, namespace: 'deskprod' });
    }
  });

  it('refuses what is not a connection string, without repeating the account key', () => {
    for (const value of [
      'https://contosodesk.blob.core.windows.net',
      `AccountName=contosodesk;AccountKey=${KEY}`,
      'DefaultEndpointsProtocol=https;AccountName=contosodesk',
      `AccountName=x;AccountKey=${KEY};BlobEndpoint=https://x.blob.core.windows.net;TableEndpoint=ftp://x`,
    ]) {
      const problems = problemsOf({ ...PRODUCTION, AZURE_STORAGE_CONNECTION_STRING: value });
      assert.equal(problems.length, 1, value);
      assert.match(problems[0]!, /AZURE_STORAGE_CONNECTION_STRING is not a storage connection string/);
      assert.ok(!problems[0]!.includes(KEY));
    }
  });

  it('demo mode runs without storage (npm run demo passes Azurite), and checks it when given', () => {
    assert.equal(loadSettings({ DEMO_MODE: '1' }, DEMO).storage.connectionString, undefined);
    assert.throws(() => loadSettings({ DEMO_MODE: '1', AZURE_STORAGE_CONNECTION_STRING: 'nonsense' }, DEMO), SettingsError);
  });
});
