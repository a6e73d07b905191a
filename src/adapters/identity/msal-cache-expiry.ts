/**
 * When the last access token in a serialized msal cache expires (ms since epoch; 0 when it holds
 * none). msal writes each access token's `expires_on` as whole seconds in text. The cache's other
 * entries (account, id token, refresh token) do not let the bot act for the agent here: msal-node's
 * on-behalf-of flow renews with the agent's assertion, never with a refresh token.
 */
export function lastAccessTokenExpiryMs(serializedCache: string): number {
  if (!serializedCache) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(serializedCache);
  } catch {
    return 0;
  }
  const accessTokens = isRecord(parsed) ? parsed.AccessToken : undefined;
  if (!isRecord(accessTokens)) return 0;
  let latest = 0;
  for (const entry of Object.values(accessTokens)) {
    const seconds = isRecord(entry) ? Number(entry.expires_on) : Number.NaN;
    if (Number.isFinite(seconds)) latest = Math.max(latest, seconds * 1000);
  }
  return latest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
