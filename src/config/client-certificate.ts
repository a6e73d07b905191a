/**
 * The Entra app's certificate credential (`AAD_APP_CLIENT_CERTIFICATE_PATH`): one PEM file holding
 * the certificate (chain) and its unencrypted private key, for tenants that forbid client secrets.
 * Read and checked once at start-up, so that a bad file stops the bot with a clear message instead
 * of failing every sign-in later.
 */
import { X509Certificate, createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** What msal-node needs for `clientCertificate`, plus what start-up may log (nothing secret). */
export interface ClientCertificate {
  /** Hex SHA-256 of the DER certificate: the `x5t#S256` of client assertions (public). */
  thumbprintSha256: string;
  /** Hex SHA-1 of the DER certificate: the thumbprint the Entra portal shows (public). */
  thumbprintSha1: string;
  /** The private key as PKCS#8 PEM. Secret: never logged. */
  privateKey: string;
  /** The certificate chain as PEM, leaf first (sent as `x5c` for subject name / issuer auth). */
  x5c: string;
  subject: string;
  /** ISO date after which Entra stops accepting the certificate. */
  notAfter: string;
}

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_PEM = /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----/;

const setting = 'AAD_APP_CLIENT_CERTIFICATE_PATH';

/** Parse and check the PEM text; a problem sentence when it cannot serve as the app's credential. */
export function parseClientCertificate(pem: string, file: string, now: Date = new Date()): ClientCertificate | string {
  const keyPem = KEY_PEM.exec(pem);
  if (!keyPem) return `${setting}: ${file} holds no private key (expected a PEM block "BEGIN PRIVATE KEY" next to the certificate).`;
  if (keyPem[1] === 'ENCRYPTED ') return `${setting}: the private key in ${file} is encrypted; store it unencrypted and protect the file instead.`;
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem[0]);
  } catch {
    return `${setting}: the private key in ${file} cannot be read.`;
  }
  // Entra signs and checks client assertions with RSA (RS256 / PS256) only.
  if (key.asymmetricKeyType !== 'rsa') return `${setting}: the private key in ${file} is ${key.asymmetricKeyType ?? 'not RSA'}; Entra ID needs an RSA key.`;

  const blocks = pem.match(CERTIFICATE_PEM) ?? [];
  if (blocks.length === 0) return `${setting}: ${file} holds no certificate (expected a PEM block "BEGIN CERTIFICATE").`;
  let chain: X509Certificate[];
  try {
    chain = blocks.map((block) => new X509Certificate(block));
  } catch {
    return `${setting}: a certificate in ${file} cannot be read.`;
  }
  const leafIndex = chain.findIndex((c) => c.checkPrivateKey(key));
  if (leafIndex < 0) return `${setting}: no certificate in ${file} matches its private key.`;
  const leaf = chain[leafIndex] as X509Certificate;
  if (new Date(leaf.validTo) <= now) return `${setting}: the certificate in ${file} expired on ${new Date(leaf.validTo).toISOString()}; upload a new one to the Entra app.`;
  if (new Date(leaf.validFrom) > now) return `${setting}: the certificate in ${file} is not valid before ${new Date(leaf.validFrom).toISOString()}.`;

  const ordered = [leaf, ...chain.filter((_, i) => i !== leafIndex)];
  return {
    thumbprintSha256: createHash('sha256').update(leaf.raw).digest('hex').toUpperCase(),
    thumbprintSha1: createHash('sha1').update(leaf.raw).digest('hex').toUpperCase(),
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    x5c: ordered.map((c) => c.toString()).join(''),
    subject: leaf.subject.replace(/\n/g, ', '),
    notAfter: new Date(leaf.validTo).toISOString(),
  };
}

/** Read the PEM file; a problem sentence when it is unreadable or unfit. */
export function readClientCertificate(file: string, now: Date = new Date()): ClientCertificate | string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
    return `${setting}: cannot read ${file} (${code}).`;
  }
  return parseClientCertificate(pem, file, now);
}
