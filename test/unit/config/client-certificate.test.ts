import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSettings, SettingsError } from '../../../src/config/settings';
import { makeAppCertificate, type TestCertificate } from '../../support/test-certificates';

const BASE = {
  AAD_APP_CLIENT_ID: '3c2f5a1e-7b9d-4e21-9a0f-6d8c4b2e1f07',
  AAD_APP_TENANT_ID: '9b1d7e3a-5c4f-4a2b-8e6d-0f1a2b3c4d5e',
  HELPDESK_GROUP_ID: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
  AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  TOKEN_CACHE_KEY: Buffer.alloc(32, 1).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    assert.ok(error instanceof SettingsError);
    return error.problems;
  }
  return assert.fail('the settings were accepted');
}

describe('settings: the Entra app credential (secret or certificate)', function () {
  this.timeout(30_000);
  let dir: string;
  let app: TestCertificate;
  let other: TestCertificate;
  const file = async (name: string, content: string): Promise<string> => {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return at;
  };

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'app-cert-'));
    [app, other] = await Promise.all([makeAppCertificate(), makeAppCertificate()]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads a PEM holding certificate and key: SHA-256 thumbprint, PKCS#8 key and the certificate for x5c', async () => {
    const settings = loadSettings({ ...BASE, AAD_APP_CLIENT_CERTIFICATE_PATH: await file('app.pem', app.pem) });
    const credential = settings.aad.clientCertificate;
    assert.ok(credential);
    assert.equal(settings.aad.clientSecret, undefined);
    assert.equal(credential.thumbprintSha256, new X509Certificate(app.cert).fingerprint256.replace(/:/g, ''));
    assert.equal(credential.thumbprintSha1, new X509Certificate(app.cert).fingerprint.replace(/:/g, ''));
    assert.match(credential.privateKey, /^-----BEGIN PRIVATE KEY-----/);
    assert.ok(new X509Certificate(credential.x5c).raw.equals(new X509Certificate(app.cert).raw));
  });

  it('picks the certificate that matches the key, wherever it is in the file, and sends it first', async () => {
    const settings = loadSettings({ ...BASE, AAD_APP_CLIENT_CERTIFICATE_PATH: await file('chain.pem', `${other.cert}\n${app.cert}\n${app.key}`) });
    const credential = settings.aad.clientCertificate!;
    assert.equal(credential.thumbprintSha256, new X509Certificate(app.cert).fingerprint256.replace(/:/g, ''));
    assert.ok(credential.x5c.indexOf(app.cert.trim().split('\n')[1]!) < credential.x5c.indexOf(other.cert.trim().split('\n')[1]!));
  });

  it('a bot identity (MicrosoftAppId) may use the certificate instead of MicrosoftAppPassword', async () => {
    const bot = { MicrosoftAppId: BASE.AAD_APP_CLIENT_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: BASE.AAD_APP_TENANT_ID };
    const settings = loadSettings({ ...BASE, ...bot, AAD_APP_CLIENT_CERTIFICATE_PATH: await file('bot.pem', app.pem) });
    assert.equal(settings.bot.appPassword, '');
    assert.ok(settings.aad.clientCertificate);
    assert.ok(problemsOf({ ...BASE, ...bot, AAD_APP_CLIENT_SECRET: 's' }).some((p) => /MicrosoftAppPassword \(or the certificate/.test(p)));
  });

  it('still accepts a client secret alone', () => {
    const settings = loadSettings({ ...BASE, AAD_APP_CLIENT_SECRET: 'secret-value' });
    assert.equal(settings.aad.clientSecret, 'secret-value');
    assert.equal(settings.aad.clientCertificate, undefined);
  });

  it('refuses to start with neither credential', () => {
    assert.ok(problemsOf(BASE).some((p) => /AAD_APP_CLIENT_SECRET or AAD_APP_CLIENT_CERTIFICATE_PATH is required/.test(p)));
  });

  it('refuses both at once: the app uses one credential', async () => {
    const problems = problemsOf({ ...BASE, AAD_APP_CLIENT_SECRET: 'secret-value', AAD_APP_CLIENT_CERTIFICATE_PATH: await file('both.pem', app.pem) });
    assert.ok(problems.some((p) => /not both/.test(p)), problems.join('\n'));
  });

  describe('says clearly what is wrong with the PEM, and never shows the key', () => {
    const cases: Array<[string, () => Promise<Record<string, string>>, RegExp]> = [
      ['a file that does not exist', async () => ({ AAD_APP_CLIENT_CERTIFICATE_PATH: path.join(dir, 'missing.pem') }), /AAD_APP_CLIENT_CERTIFICATE_PATH: cannot read .*missing\.pem \(ENOENT\)/],
      ['a certificate without its key', async () => ({ AAD_APP_CLIENT_CERTIFICATE_PATH: await file('cert-only.pem', app.cert) }), /holds no private key/],
      ['a key without its certificate', async () => ({ AAD_APP_CLIENT_CERTIFICATE_PATH: await file('key-only.pem', app.key) }), /holds no certificate/],
      ['a key that belongs to another certificate', async () => ({ AAD_APP_CLIENT_CERTIFICATE_PATH: await file('mismatch.pem', `${app.cert}\n${other.key}`) }), /no certificate in .* matches its private key/],
      ['a damaged certificate', async () => ({ AAD_APP_CLIENT_CERTIFICATE_PATH: await file('damaged.pem', `-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n${app.key}`) }), /a certificate in .* cannot be read/],
      ['an encrypted key', async () => {
        const locked = await makeAppCertificate({ passphrase: 'correct horse' });
        return { AAD_APP_CLIENT_CERTIFICATE_PATH: await file('encrypted.pem', locked.pem) };
      }, /is encrypted; store it unencrypted/],
      ['an expired certificate', async () => {
        const old = await makeAppCertificate({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
        return { AAD_APP_CLIENT_CERTIFICATE_PATH: await file('expired.pem', old.pem) };
      }, /expired on 2021-01-01/],
      ['an elliptic-curve key', async () => {
        const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        return { AAD_APP_CLIENT_CERTIFICATE_PATH: await file('ec.pem', `${app.cert}\n${ec}`) };
      }, /Entra ID needs an RSA key/],
    ];
    for (const [what, env, expected] of cases) {
      it(`refuses ${what}`, async () => {
        const problems = problemsOf({ ...BASE, ...(await env()) });
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.match(problems[0]!, expected);
        assert.doesNotMatch(problems[0]!, /PRIVATE KEY-----|MII[A-Za-z0-9+/]{40}/);
      });
    }
  });
});
