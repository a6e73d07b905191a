import { CardFactory, type Attachment, type CardAction, type OAuthCard } from 'botbuilder';
import { t, type Locale } from '../../../i18n';
import { SSO_CONNECTION_NAME } from '../oauth-card';

/**
 * The OAuthCard of the interactive fallback: only a sign-in button to our page, and no
 * `tokenExchangeResource`, so Teams does not try silent SSO again (it just failed with a claims
 * challenge) but opens the page. The page ends in `signin/verifyState`.
 */
export function interactiveSignInCard(locale: Locale, link: string): Attachment {
  const title = t(locale, 'bot.signin.card.button');
  const button: CardAction = { type: 'signin', title, text: title, value: link };
  const card: Partial<OAuthCard> = {
    text: t(locale, 'bot.signin.card.text'),
    connectionName: SSO_CONNECTION_NAME,
    buttons: [button],
  };
  return { contentType: CardFactory.contentTypes.oauthCard, content: card };
}
