import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

/** The simulator's TLS certificate and key, as files and as PEM text. */
export interface DevCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;
const VALID_FOR_DAYS = 365;

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reusable when it parses, covers 127.0.0.1 and localhost, matches the key and is not about to expire. */
function isReusable(cert: string, key: string, now: number): boolean {
  try {
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return false;
    if (new Date(x509.validTo).getTime() - now < RENEW_BEFORE_MS) return false;
    if (new Date(x509.validFrom).getTime() > now) return false;
    return x509.checkIP('127.0.0.1') !== undefined && x509.checkHost('localhost') !== undefined;
  } catch {
    return false;
  }
}

/** Write through a temporary file so that a concurrent reader never sees half a PEM. */
async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, file);
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost in `${dir}/cert.pem` / `${dir}/key.pem`,
 * reused while valid for more than seven days. Clients trust it through
 * NODE_EXTRA_CA_CERTS=<certPath>; TLS verification stays on.
 */
export async function ensureDevCertificate(dir: string): Promise<DevCertificate> {
  const certPath = path.resolve(dir, 'cert.pem');
  const keyPath = path.resolve(dir, 'key.pem');
  const [existingCert, existingKey] = await Promise.all([readIfPresent(certPath), readIfPresent(keyPath)]);
  if (existingCert && existingKey && isReusable(existingCert, existingKey, Date.now())) {
    return { certPath, keyPath, cert: existingCert, key: existingKey };
  }

  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_FOR_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Passcode Desk simulated tenant' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // A self-signed leaf that is its own trust anchor: CA so that OpenSSL accepts it as one.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  await mkdir(path.resolve(dir), { recursive: true });
  await writeAtomically(keyPath, pems.private, 0o600);
  await writeAtomically(certPath, pems.cert, 0o644);
  return { certPath, keyPath, cert: pems.cert, key: pems.private };
}
