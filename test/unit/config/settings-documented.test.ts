import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_SETTINGS } from '../../../src/app-package';
import { loadSettings, SettingsError, type DemoTenantValues } from '../../../src/config/settings';
import { sourceFiles } from '../../support/source-files';
import { DEMO_TENANT } from './settings-env';

type Env = Record<string, string | undefined>;

const ROOT = path.resolve(__dirname, '../../..');

/** Every environment variable loadSettings looks at, for `env` and `demo`. */
function namesReadBy(env: Env, demo?: DemoTenantValues): Set<string> {
  const read = new Set<string>();
  const watched = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name);
    },
  });
  try {
    loadSettings(watched, demo);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
  }
  return read;
}

/** Names read as `process.env.NAME` anywhere in src/. */
function namesReadFromProcessEnv(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  }
  return names;
}

describe('settings are documented', () => {
  const names = new Set([
    ...namesReadBy({}),
    ...namesReadBy({ DEMO_MODE: '1' }, DEMO_TENANT),
    ...namesReadFromProcessEnv(),
    ...Object.keys(PACKAGE_SETTINGS),
  ]);
  // Set by the platform, not by whoever deploys the bot.
  names.delete('NODE_EXTRA_CA_CERTS');

  it('finds the settings it checks', () => {
    for (const known of ['AAD_APP_CLIENT_ID', 'AZURE_STORAGE_CONNECTION_STRING', 'INTUNE_READS_PER_20S', 'LOG_LEVEL', 'APP_VERSION']) assert.ok(names.has(known), known);
  });

  it('every setting the bot reads has a line in .env.example', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const missing = [...names].filter((name) => !new RegExp(`^${name}=`, 'm').test(example));
    assert.deepEqual(missing, []);
  });

  it('every setting the bot reads is named in the README', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const missing = [...names].filter((name) => !readme.includes(`\`${name}\``));
    assert.deepEqual(missing, []);
  });

  it('.env.example names nothing the bot does not read', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const unknown = [...example.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!).filter((name) => !names.has(name));
    assert.deepEqual(unknown, []);
  });
});
