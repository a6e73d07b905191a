import en from './en.json';
import ja from './ja.json';
import { AREA_CATALOGS } from './areas';

/** The languages the bot speaks. Catalogs: `src/i18n/<locale>.json`, the same keys in each. */
export type Locale = 'en' | 'ja';

/** Every supported locale, English (the fallback) first. */
export const LOCALES: readonly Locale[] = ['en', 'ja'];

type Catalog = Readonly<Record<string, string>>;

const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en: Object.assign({}, en, ...AREA_CATALOGS.map((area) => area.en)),
  ja: Object.assign({}, ja, ...AREA_CATALOGS.map((area) => area.ja)),
};

/** `{name}` placeholders: a word in braces. */
const PLACEHOLDER = /\{(\w+)\}/g;

/** The locale for a Teams activity's `locale` (`ja-JP` -> `ja`); English for anything else. */
export function pickLocale(activityLocale: string | undefined): Locale {
  return typeof activityLocale === 'string' && /^ja(?:[-_]|$)/i.test(activityLocale.trim()) ? 'ja' : 'en';
}

/** Whether the catalog of `locale` has `key` (tests use it to find keys missing in one language). */
export function hasKey(locale: Locale, key: string): boolean {
  return Object.hasOwn(catalogOf(locale), key);
}

/** All keys of a catalog, for the tests that keep the catalogs in step. */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogOf(locale));
}

/**
 * The message `key` in `locale`, with `{name}` placeholders replaced by `params`. Falls back to
 * English, then to the key itself, so a missing key shows up in the UI instead of crashing a turn.
 * Substitution is a single pass: a parameter value that contains `{x}` is not expanded again.
 */
export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const own = catalogOf(locale);
  const template = Object.hasOwn(own, key) ? own[key] : Object.hasOwn(CATALOGS.en, key) ? CATALOGS.en[key] : key;
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * A date and time for people: the locale's own format, in `timeZone` (default UTC), always naming
 * the zone so nobody mistakes UTC for local time. An unreadable date is returned as given.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return dateTimeFormat(locale, timeZone).format(date);
  } catch {
    // An unknown time zone name (RangeError) must not break a card: fall back to UTC.
    return dateTimeFormat(locale, 'UTC').format(date);
  }
}

function dateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  });
}

/** The catalog for a locale; an unexpected value at runtime (e.g. a stored string) reads English. */
function catalogOf(locale: Locale): Catalog {
  return Object.hasOwn(CATALOGS, locale) ? CATALOGS[locale] : CATALOGS.en;
}
