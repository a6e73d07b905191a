import { strict as assert } from 'node:assert';
import { errorText } from '../../../src/cards/views';
import { AppError } from '../../../src/domain/errors';
import { turnFailedText } from '../../../src/bot/user-facing-error';
import { pickLocale, t } from '../../../src/i18n';

describe('the answer when a whole turn fails', () => {
  it('when a turn of a Japanese user fails with a bug, then they read the apology in Japanese', () => {
    const text = turnFailedText(new TypeError('x is undefined'), pickLocale('ja-JP'));
    assert.equal(text, t('ja', 'bot.turnFailed'));
    assert.notEqual(text, t('en', 'bot.turnFailed'));
    assert.ok(!text.includes('undefined'), 'nothing of the error itself');
  });

  it('when storage is unavailable as the turn loads its state, then the user reads that, in their language', () => {
    const outage = new AppError('state.unavailable', 'Azure Storage could not be reached.');
    assert.equal(turnFailedText(outage, 'ja'), errorText(outage, 'ja'));
    assert.ok(turnFailedText(outage, 'ja').includes(t('ja', 'error.state.unavailable.what')));
    assert.ok(turnFailedText(outage, 'en').includes(t('en', 'error.state.unavailable.what')));
  });
});
