import { randomUUID } from 'node:crypto';
import { CardFactory, type Attachment, type CardAction, type OAuthCard } from 'botbuilder';
import { t, type Locale } from '../../i18n';

/**
 * The name Teams echoes back in `signin/tokenExchange`. There is no Bot Service OAuth connection
 * behind it: the bot exchanges the SSO token itself (on-behalf-of).
 */
export const SSO_CONNECTION_NAME = 'passcode-desk-sso';

/** The Application ID URI Teams requests the SSO token for. */
export function ssoResourceUri(clientId: string): string {
  return `api://botid-${clientId}`;
}

export interface SignInRequestOptions {
  clientId: string;
  locale: Locale;
  /** A fresh id per card; Teams sends it back in the exchange invoke. Random by default. */
  exchangeId?: string;
  /** Where the card's button leads when silent SSO fails (the interactive sign-in page, if any). */
  signInUrl?: string;
}

/** The pieces shared by the OAuthCard and the Universal Actions login request. */
function signInParts(options: SignInRequestOptions): Pick<OAuthCard, 'text' | 'connectionName' | 'tokenExchangeResource' | 'buttons'> {
  const title = t(options.locale, 'bot.signIn.button');
  const button: CardAction = { type: 'signin', title, text: title, value: options.signInUrl ?? '' };
  return {
    text: t(options.locale, 'bot.signIn.text'),
    connectionName: SSO_CONNECTION_NAME,
    tokenExchangeResource: { id: options.exchangeId ?? randomUUID(), uri: ssoResourceUri(options.clientId) },
    buttons: [button],
  };
}

/** An OAuthCard that makes Teams fetch an SSO token for our app and send `signin/tokenExchange`. */
export function signInOAuthCard(options: SignInRequestOptions): Attachment {
  const parts = signInParts(options);
  const card: Partial<OAuthCard> = { ...parts };
  return { contentType: CardFactory.contentTypes.oauthCard, content: card };
}

/**
 * The `loginRequest` answer to an `adaptiveCard/action`: Teams fetches an SSO token and repeats
 * the action with `authentication.token`. Works in channels, unlike the OAuthCard.
 */
export function loginRequestValue(options: SignInRequestOptions): Record<string, unknown> {
  return { ...signInParts(options) };
}
