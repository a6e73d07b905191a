/** The device's page in the Intune admin center. */
const INTUNE_DEVICE_PAGE =
  'https://intune.microsoft.com/#view/Microsoft_Intune_Devices/DeviceSettingsMenuBlade/~/overview/mdmDeviceId/';

/** A lone UTF-16 surrogate, which URL encoding refuses (URIError). */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * The Intune admin center page of a managed device; the id is encoded, so it cannot break a link.
 * The id may come from a card click (Hide), so text that cannot be encoded is replaced, not thrown on.
 */
export function intuneDeviceUrl(deviceId: string): string {
  return markdownSafe(INTUNE_DEVICE_PAGE + encodeURIComponent(deviceId.replace(LONE_SURROGATE, '\uFFFD')));
}

/**
 * `value` when it is an absolute https URL, normalized so it can sit inside a Markdown link;
 * undefined otherwise (nothing else is ever shown as a link).
 */
export function safeHttpsUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' ? markdownSafe(url.href) : undefined;
}

/** Parentheses end a Markdown link target early; percent-encoding them keeps the URL the same. */
function markdownSafe(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}
