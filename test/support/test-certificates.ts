import { generate } from 'selfsigned';

/** A certificate credential of the bot's Entra app, as an admin would export it. */
export interface TestCertificate {
  /** The certificate alone (what is uploaded to the app registration). */
  cert: string;
  /** The private key alone (PKCS#8 PEM, or encrypted when a passphrase was given). */
  key: string;
  /** Certificate and key in one file: what AAD_APP_CLIENT_CERTIFICATE_PATH points at. */
  pem: string;
}

/** A fresh self-signed RSA certificate (2048-bit, SHA-256), valid for a year unless told otherwise. */
export async function makeAppCertificate(options: { notBefore?: Date; notAfter?: Date; passphrase?: string } = {}): Promise<TestCertificate> {
  const notBeforeDate = options.notBefore ?? new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'Passcode Desk app credential' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: options.notAfter ?? new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000),
    passphrase: options.passphrase,
  });
  return { cert: pems.cert, key: pems.private, pem: `${pems.cert}\n${pems.private}` };
}
