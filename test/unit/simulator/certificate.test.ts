import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { ensureDevCertificate } from '../../../src/simulator';

describe('simulator certificate', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sim-cert-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a certificate for 127.0.0.1 and localhost with its key, in cert.pem and key.pem', async () => {
    const cert = await ensureDevCertificate(path.join(dir, 'nested'));
    assert.equal(cert.certPath, path.join(dir, 'nested', 'cert.pem'));
    assert.equal(await readFile(cert.certPath, 'utf8'), cert.cert);
    assert.equal(await readFile(cert.keyPath, 'utf8'), cert.key);
    const x509 = new X509Certificate(cert.cert);
    assert.equal(x509.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(x509.checkHost('localhost'), 'localhost');
    assert.ok(new Date(x509.validTo).getTime() > Date.now() + 300 * 24 * 3600 * 1000);
    assert.equal((await stat(cert.keyPath)).mode & 0o077, 0, 'the key is readable by its owner only');
  });

  it('reuses a valid certificate', async () => {
    const first = await ensureDevCertificate(dir);
    const second = await ensureDevCertificate(dir);
    assert.equal(second.cert, first.cert);
  });

  it('replaces a certificate that expires within seven days', async () => {
    const soon = await generate([{ name: 'commonName', value: 'old' }], {
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 3 * 24 * 3600 * 1000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
    });
    await writeFile(path.join(dir, 'cert.pem'), soon.cert);
    await writeFile(path.join(dir, 'key.pem'), soon.private);
    const renewed = await ensureDevCertificate(dir);
    assert.notEqual(renewed.cert, soon.cert);
  });

  it('replaces files that do not belong together or do not parse', async () => {
    const first = await ensureDevCertificate(dir);
    await writeFile(path.join(dir, 'key.pem'), 'not a key');
    const second = await ensureDevCertificate(dir);
    assert.notEqual(second.cert, first.cert);
    assert.ok(new X509Certificate(second.cert));
  });
});
