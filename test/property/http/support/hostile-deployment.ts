import { strict as assert } from 'node:assert';
import { DEMO_USERS, type SimRequestLog } from '../../../../src/simulator';
import { parseFilter, type FilterNode } from '../../../../src/simulator/odata-filter';
import { OAUTH } from '../../../support/cards';
import { personalChat, startDeployment, type Deployment } from '../../../support/harness';
import type { SentActivity, TeamsUser } from '../../../support/teams-fake';

/**
 * A deployment (simulated tenant, bot over HTTP, Teams stand-in) with Hana signed in, and the
 * checks every hostile-input case ends with: nothing crashed, nothing was reset, and every Graph
 * call carried the input only inside escaped literals.
 */

export const hana: TeamsUser = { id: '29:hana', aadObjectId: DEMO_USERS.hanaSuzuki, name: 'Hana Suzuki' };
export const kenji: TeamsUser = { id: '29:kenji', aadObjectId: DEMO_USERS.kenjiSato, name: 'Kenji Sato' };
export const marco: TeamsUser = { id: '29:marco', aadObjectId: DEMO_USERS.marcoRossi, name: 'Marco Rossi' };

/** The text onTurnError sends: if a user ever sees it, a turn crashed. */
const CRASH_TEXT = 'Sorry, something went wrong on my side';

/** Directory properties our filters may compare; anything else in a filter would be injected. */
const FILTER_PROPERTIES = new Set(['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail']);

/** Start a deployment and sign Hana in through the OAuthCard, as Teams does. */
export async function startWithSignedInAgent(): Promise<Deployment> {
  const d = await startDeployment();
  for (const user of [hana, kenji, marco]) d.teams.addUser(user);
  const personal = personalChat(hana, d.tenantId, d.teams);
  await d.teams.sendMessage(hana, personal, 'reset PIN for priya');
  const oauth = await d.teams.waitFor(
    () => d.teams.inConversation(personal.id).find((a) => a.attachments?.some((x) => x.contentType === OAUTH)),
    15000,
    'an OAuthCard',
  );
  const content = oauth.attachments!.find((x) => x.contentType === OAUTH)!.content as { tokenExchangeResource: { id: string } };
  const answer = await d.teams.tokenExchange(hana, personal, content.tokenExchangeResource.id, d.sim.signSsoToken(hana.aadObjectId));
  assert.equal(answer.status, 200, 'Hana is signed in');
  await d.teams.waitFor(() => d.teams.inConversation(personal.id).length >= 2, 15000, 'the resumed request');
  return d;
}

/** Where the records of a deployment stood before a case, to look only at what the case caused. */
export interface Mark {
  requests: number;
  sent: number;
  logLines: number;
}

export function mark(d: Deployment): Mark {
  return { requests: d.sim.requests.length, sent: d.teams.sent.length, logLines: d.logLines.length };
}

export function requestsSince(d: Deployment, since: Mark): SimRequestLog[] {
  return d.sim.requests.slice(since.requests);
}

export function sentSince(d: Deployment, since: Mark): SentActivity[] {
  return d.teams.sent.slice(since.sent);
}

/** Error-level log lines since the mark (a crash or an unexpected failure leaves one). */
export function errorsLoggedSince(d: Deployment, since: Mark): string[] {
  return d.logLines.slice(since.logLines).filter((line) => line.includes('"level":"error"'));
}

function leaves(node: FilterNode): Array<Extract<FilterNode, { kind: 'eq' | 'startswith' }>> {
  return node.kind === 'and' || node.kind === 'or' ? [...leaves(node.left), ...leaves(node.right)] : [node];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The readings of a message in which a name taken from it must appear: without what the parser
 * drops (zero-width characters, `&nbsp;`), also without mention tags, and with lone surrogates as
 * U+FFFD (what they become in a URL).
 */
export function typedReadings(text: string): string[] {
  const visible = text.replace(/&nbsp;/gi, ' ').replace(/[\u200B\u2060]/g, '').replace(LONE_SURROGATE, '\uFFFD');
  return [visible, visible.replace(/<\/?at\b[^<>]{0,200}>/gi, '')];
}

/**
 * Every Graph request since the mark: a `$filter` parses as our comparisons only, on directory
 * properties, with literals made of words the user typed (when `typed` is given); nothing is a
 * resetPasscode POST.
 */
export function assertGraphCallsSafe(requests: readonly SimRequestLog[], typed?: string): void {
  const readings = typed === undefined ? undefined : typedReadings(typed);
  for (const request of requests) {
    assert.ok(!/resetPasscode/i.test(request.path), `a reset was requested: ${request.method} ${request.path}`);
    const filter = request.query.$filter;
    if (filter === undefined) continue;
    const tree = parseFilter(filter); // throws on anything but our grammar
    for (const comparison of leaves(tree)) {
      assert.ok(FILTER_PROPERTIES.has(comparison.property), `unexpected property ${comparison.property} in ${filter}`);
      if (!readings) continue;
      for (const word of comparison.value.split(' ')) {
        assert.ok(readings.some((reading) => reading.includes(word)), `literal word "${word}" was not typed`);
      }
    }
  }
}

/** The bot must not have crashed: no error logged, no crash text sent. */
export function assertNoCrash(d: Deployment, since: Mark): void {
  const errors = errorsLoggedSince(d, since);
  assert.deepEqual(errors, [], 'errors were logged');
  for (const activity of sentSince(d, since)) {
    assert.ok(!JSON.stringify(activity.raw).includes(CRASH_TEXT), 'the crash text was sent');
  }
}

/** The bot still answers an ordinary help message from Hana in her 1:1. */
export async function assertStillAnswersHelp(d: Deployment): Promise<void> {
  const personal = personalChat(hana, d.tenantId, d.teams);
  const before = d.teams.inConversation(personal.id).length;
  const answer = await d.teams.sendMessage(hana, personal, 'help');
  assert.ok(answer.status < 300, `help answered ${answer.status}`);
  await d.teams.waitFor(() => d.teams.inConversation(personal.id).length > before, 10000, 'the help text');
}
