import { strict as assert } from 'node:assert';
import { formatDateTime, pickLocale, t, type Locale } from '../../../src/i18n';

/** ICU puts narrow no-break spaces in times ("4:42 PM"); compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('i18n', () => {
  describe('pickLocale', () => {
    const cases: [string | undefined, Locale][] = [
      ['ja-JP', 'ja'],
      ['ja', 'ja'],
      ['JA-jp', 'ja'],
      ['ja_JP', 'ja'],
      ['en-US', 'en'],
      ['en-GB', 'en'],
      ['de-DE', 'en'],
      ['jam', 'en'],
      ['', 'en'],
      [undefined, 'en'],
    ];
    for (const [given, expected] of cases) {
      it(`reads ${JSON.stringify(given)} as ${expected}`, () => assert.equal(pickLocale(given), expected));
    }
  });

  describe('t', () => {
    it('when a key exists, then the text of that language is returned', () => {
      assert.equal(t('en', 'common.cancel'), 'Cancel');
      assert.equal(t('ja', 'common.cancel'), 'キャンセル');
    });

    it('when params are given, then {name} placeholders are filled', () => {
      assert.equal(t('en', 'status.done.shared', { agent: 'Hana' }), 'The new passcode was sent to Hana privately.');
      assert.equal(t('en', 'progress.elapsed', { seconds: 12 }), '12 s elapsed');
    });

    it('when a parameter value contains a placeholder, then it is not expanded again', () => {
      assert.equal(t('en', 'status.done.shared', { agent: '{agent}' }), 'The new passcode was sent to {agent} privately.');
    });

    it('when a placeholder has no parameter, then it stays visible', () => {
      assert.equal(t('en', 'status.done.shared', {}), 'The new passcode was sent to {agent} privately.');
    });

    it('when a key is missing, then the key itself is shown instead of failing', () => {
      assert.equal(t('ja', 'no.such.key'), 'no.such.key');
    });

    it('when the key names an Object property, then it is treated as missing', () => {
      assert.equal(t('en', 'constructor'), 'constructor');
      assert.equal(t('en', '__proto__'), '__proto__');
    });

    it('when the locale is not one we know at runtime, then English is used', () => {
      assert.equal(t('xx' as Locale, 'common.cancel'), 'Cancel');
    });
  });

  describe('formatDateTime', () => {
    const iso = '2026-12-02T16:42:00Z';

    it('when no time zone is given, then the time is in UTC and says so', () => {
      assert.equal(plain(formatDateTime(iso, 'en')), 'Dec 2, 2026, 4:42 PM UTC');
      assert.equal(plain(formatDateTime(iso, 'ja')), '2026年12月2日 16:42 UTC');
    });

    it('when a time zone is given, then the time is in that zone and names it', () => {
      const text = plain(formatDateTime(iso, 'ja', 'Asia/Tokyo'));
      assert.match(text, /2026年12月3日 1:42/);
      assert.match(text, /JST/);
    });

    it('when the time zone is unknown, then UTC is used', () => {
      assert.equal(plain(formatDateTime(iso, 'en', 'Mars/Olympus_Mons')), 'Dec 2, 2026, 4:42 PM UTC');
    });

    it('when the date cannot be read, then it is shown as given', () => {
      assert.equal(formatDateTime('not a date', 'en'), 'not a date');
    });
  });
});
