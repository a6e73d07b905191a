/** Entra's authorize endpoint and the authorization code grant, for the interactive sign-in page. */
export { routeAuthorize } from './authorize-page';
export { authorizationCodeGrant } from './code-grant';
export { mfaSatisfied } from './mfa';
