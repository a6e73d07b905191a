/**
 * How the simulated token endpoint authenticates the app: a client secret, or a client assertion
 * (`private_key_jwt`, RFC 7523) signed with the private key of a certificate registered on the app,
 * as Entra does for apps of tenants that forbid secrets. The answers mirror Entra's AADSTS codes.
 */
import { X509Certificate, constants, createHash, timingSafeEqual, verify } from 'node:crypto';
import type { SimContext } from './context';
import { CLOCK_SKEW_SECONDS } from './jwt';
import type { EntraRequest } from './token-routes';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Why the client was not authenticated; the token route turns it into Entra's error document. */
export interface ClientAuthRefusal {
  status: number;
  error: string;
  code: number;
  text: string;
}

const invalidClient = (code: number, text: string): ClientAuthRefusal => ({ status: 401, error: 'invalid_client', code, text });

/** Constant-time comparison of a presented secret with the registered one. */
export const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A registered certificate with the thumbprints a client assertion may name it by. */
interface RegisteredKey {
  certificate: X509Certificate;
  sha256: string;
  sha1: string;
}

function registeredKeys(pems: readonly string[]): RegisteredKey[] {
  const keys: RegisteredKey[] = [];
  for (const pem of pems) {
    try {
      const certificate = new X509Certificate(pem);
      keys.push({
        certificate,
        sha256: createHash('sha256').update(certificate.raw).digest('base64url'),
        sha1: createHash('sha1').update(certificate.raw).digest('base64url'),
      });
    } catch {
      // A damaged registration matches nothing, as in Entra.
    }
  }
  return keys;
}

const hexOf = (base64url: string): string => Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
const isoSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** RS256 is PKCS#1 v1.5; PS256 is RSA-PSS with a salt as long as the hash (RFC 7518, 3.5). */
function signatureHolds(alg: string, signed: string, signature: Buffer, certificate: X509Certificate): boolean {
  const key = certificate.publicKey;
  if (alg === 'RS256') return verify('sha256', Buffer.from(signed), key, signature);
  return verify('sha256', Buffer.from(signed), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
}

/** Check a client assertion JWT against the app's registered certificates. */
function checkAssertion(ctx: SimContext, req: EntraRequest, form: URLSearchParams, assertion: string): ClientAuthRefusal | undefined {
  const app = ctx.state.app;
  const type = form.get('client_assertion_type');
  if (type === null) return { status: 400, error: 'invalid_request', code: 900144, text: "The request body must contain the following parameter: 'client_assertion_type'." };
  if (type !== CLIENT_ASSERTION_TYPE) {
    return { status: 400, error: 'invalid_request', code: 9002313, text: `Invalid request. The client_assertion_type '${type}' is not supported; use '${CLIENT_ASSERTION_TYPE}'.` };
  }

  const parts = assertion.split('.');
  const header = parts.length === 3 ? parseSegment(parts[0] as string) : undefined;
  const claims = parts.length === 3 ? parseSegment(parts[1] as string) : undefined;
  if (!header || !claims) return invalidClient(50027, 'JWT token is invalid or malformed.');
  const alg = header.alg;
  if (alg !== 'RS256' && alg !== 'PS256') return invalidClient(50027, `JWT token is invalid or malformed. The signing algorithm '${String(alg)}' is not supported.`);

  const sha256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const sha1 = typeof header.x5t === 'string' ? header.x5t : undefined;
  const named = sha256 ?? sha1;
  const keyHelp = `Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.`;
  if (!named) return invalidClient(700027, `Client assertion contains an invalid signature. [Reason - The key was not found., ${keyHelp}]`);
  const key = registeredKeys(app.certificates ?? []).find((k) => (sha256 ? k.sha256 === sha256 : k.sha1 === sha1));
  if (!key) {
    return invalidClient(700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${hexOf(named)}', ${keyHelp}]`);
  }
  const found = `Found key 'Start=${new Date(key.certificate.validFrom).toISOString()}, End=${new Date(key.certificate.validTo).toISOString()}'`;
  if (!signatureHolds(alg, `${parts[0]}.${parts[1]}`, Buffer.from(parts[2] as string, 'base64url'), key.certificate)) {
    return invalidClient(700027, `Client assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${hexOf(named)}', ${found}]`);
  }
  const now = Math.floor(Date.now() / 1000);
  if (new Date(key.certificate.validTo).getTime() < Date.now()) {
    return invalidClient(700027, `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${hexOf(named)}', ${found}]`);
  }

  if (claims.iss !== app.clientId || claims.sub !== app.clientId) {
    return invalidClient(700021, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .");
  }
  // The audience is the token endpoint the client posts to (by tenant id, or the name it used).
  const audiences = new Set([ctx.state.tenantId, req.segments[0] ?? ''].map((tenant) => `${ctx.url}/${tenant}/oauth2/v2.0/token`));
  if (typeof claims.aud !== 'string' || !audiences.has(claims.aud)) {
    return invalidClient(50012, `Client assertion audience claim does not match Realm issuer. The audience was '${String(claims.aud)}'.`);
  }
  if (typeof claims.exp !== 'number') return invalidClient(50027, "JWT token is invalid or malformed. The client assertion has no 'exp' claim.");
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
  if (claims.exp + CLOCK_SKEW_SECONDS <= now || (nbf !== undefined && nbf - CLOCK_SKEW_SECONDS > now)) {
    return invalidClient(700024, `Client assertion is not within its valid time range. Current time: ${isoSeconds(now)}, assertion valid from ${nbf !== undefined ? isoSeconds(nbf) : 'unknown'}, expiry time of assertion ${isoSeconds(claims.exp)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`);
  }
  return undefined;
}

/**
 * Authenticate the app on a token request: undefined when it proved who it is, else the refusal.
 * `client_id` has already been matched to the tenant's app.
 */
export function authenticateClient(ctx: SimContext, req: EntraRequest, form: URLSearchParams): ClientAuthRefusal | undefined {
  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret && assertion) {
    return { status: 400, error: 'invalid_request', code: 9002313, text: "Invalid request. Send either 'client_secret' or 'client_assertion', not both." };
  }
  if (assertion) return checkAssertion(ctx, req, form, assertion);
  if (!secret) return invalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (!sameSecret(secret, ctx.state.app.clientSecret)) {
    return invalidClient(7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${ctx.state.app.clientId}'.`);
  }
  return undefined;
}
