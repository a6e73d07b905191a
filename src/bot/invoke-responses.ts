import type { Attachment, InvokeResponse } from 'botbuilder';

/** Content types of the answers to `adaptiveCard/action` (Universal Actions). */
export const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MESSAGE_RESPONSE_TYPE = 'application/vnd.microsoft.activity.message';
export const LOGIN_REQUEST_TYPE = 'application/vnd.microsoft.activity.loginRequest';
export const ERROR_RESPONSE_TYPE = 'application/vnd.microsoft.error';

/** The body Teams reads from an `adaptiveCard/action` answer. */
export interface CardActionResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/** Replace the clicked card with this one. */
export function cardResponse(card: Attachment): InvokeResponse<CardActionResponse> {
  return wrap({ statusCode: 200, type: CARD_RESPONSE_TYPE, value: card.content });
}

/** Leave the card as it is and show the clicking user a short text. */
export function messageResponse(text: string): InvokeResponse<CardActionResponse> {
  return wrap({ statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: text });
}

/** Ask Teams for an SSO token, after which it repeats the action with `authentication.token`. */
export function loginRequestResponse(value: Record<string, unknown>): InvokeResponse<CardActionResponse> {
  return wrap({ statusCode: 401, type: LOGIN_REQUEST_TYPE, value });
}

/** A refused action (e.g. another tenant); `message` is safe to show. */
export function forbiddenCardResponse(message: string): InvokeResponse<CardActionResponse> {
  return wrap({ statusCode: 403, type: ERROR_RESPONSE_TYPE, value: { code: '403', message } });
}

function wrap(body: CardActionResponse): InvokeResponse<CardActionResponse> {
  // Same convention as botbuilder's ActivityHandler: the HTTP status mirrors the body's.
  return { status: body.statusCode, body };
}
