import { personalChat, type Deployment } from '../../support/harness';
import { errorsLoggedSince, hana, mark, requestsSince, sentSince, startWithSignedInAgent } from './support/hostile-deployment';

describe('explore', function () {
  this.timeout(300_000);
  let d: Deployment;
  before(async () => { d = await startWithSignedInAgent(); });
  after(async () => { await d?.stop(); });
  it('runs', async () => {
    const personal = () => personalChat(hana, d.tenantId, d.teams);
    const bases: Record<string, () => Record<string, unknown>> = {
      reset: () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'message', text: 'reset PIN for alice smith' }),
      help: () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'message', text: 'help' }),
      click: () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'confirm', data: { flowId: 'f', revision: 1 } } } }),
      exchange: () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'invoke', name: 'signin/tokenExchange', value: { id: 'x', connectionName: '', token: 'x' } }),
      update: () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'conversationUpdate', membersAdded: [{ id: hana.id }] }),
    };
    const muts: Record<string, (a: Record<string, unknown>) => void> = {
      noFrom: (a) => delete a.from,
      fromString: (a) => (a.from = 'x'),
      noAad: (a) => delete (a.from as Record<string, unknown>).aadObjectId,
      aadNumber: (a) => ((a.from as Record<string, unknown>).aadObjectId = 42),
      otherTenant: (a) => { (a.conversation as Record<string, unknown>).tenantId = '9f3c2b1a-0000-4000-8000-0000000000ff'; a.channelData = { tenant: { id: '9f3c2b1a-0000-4000-8000-0000000000ff' } }; },
      noTenant: (a) => { delete (a.conversation as Record<string, unknown>).tenantId; delete a.channelData; },
      noConversation: (a) => delete a.conversation,
      conversationString: (a) => (a.conversation = 'x'),
      conversationNoId: (a) => delete (a.conversation as Record<string, unknown>).id,
      noServiceUrl: (a) => delete a.serviceUrl,
      noRecipient: (a) => delete a.recipient,
      textNumber: (a) => (a.text = 7),
      localeObject: (a) => (a.locale = { x: 1 }),
      entitiesJunk: (a) => (a.entities = 'x'),
      channelDataString: (a) => (a.channelData = 'x'),
    };
    for (const [m, mut] of Object.entries(muts)) {
      for (const [b, make] of Object.entries(bases)) {
        const before = mark(d);
        const a = make();
        mut(a);
        const r = await d.teams.post(a);
        await new Promise((res) => setTimeout(res, 50));
        const errs = errorsLoggedSince(d, before).map((l) => JSON.parse(l).event + ':' + (JSON.parse(l).errorName ?? JSON.parse(l).error ?? JSON.parse(l).message ?? ''));
        process.stdout.write(`${m.padEnd(20)} ${b.padEnd(9)} HTTP ${r.status} graph=${requestsSince(d, before).length} sent=${sentSince(d, before).length} errors=${errs.join(',')} body=${JSON.stringify(r.body)?.slice(0, 100)}\n`);
      }
    }
  });
});
