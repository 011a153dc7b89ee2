/** The typed client against the real BFF: typed answers, problem+json as ApiProblem, the token read per call, any API base. */
import { expect } from '@open-wc/testing';
import { ApiProblem, createApiClient, normaliseApiBase } from '../../../web-components/index.js';
import { resetPartner, seedPartner, tokenFor, uniquePartner } from '../support/test-bff.js';

/** The ApiProblem a call rejects with (fails the test if it resolves). */
async function problemOf(call: Promise<unknown>): Promise<ApiProblem> {
  const outcome = await call.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof ApiProblem)) throw new Error(`expected an ApiProblem, got ${String(outcome)}`);
  return outcome;
}

describe('createApiClient', () => {
  it('lists integrations of a kind, typed', async () => {
    const { token } = await seedPartner([{ vendor: 'autotask', status: 'active' }, { vendor: 'syncro', status: 'connected' }]);
    const rows = await createApiClient('/api', () => token).integrations.list('rmm');
    expect(rows.map((r) => [r.vendor, r.statusLabel, r.hasCredentials])).to.deep.equal([['syncro', 'Connected', true]]);
  });

  it('turns a validation failure into an ApiProblem with field messages', async () => {
    const { token } = await seedPartner();
    const p = await problemOf(createApiClient('/api', () => token).integrations.list('nope' as 'psa'));
    expect([p.status, p.code]).to.deep.equal([400, 'validation_failed']);
    expect(p.errors[0]!.field).to.equal('query.kind');
    expect(p.messageFor('query.kind')).to.be.a('string');
  });

  it('carries status, code, title and detail of a refusal (404, 409, 401)', async () => {
    const { token, rows } = await seedPartner([{ vendor: 'datto-rmm', status: 'connected' }]);
    const client = createApiClient('/api', () => token);
    const missing = await problemOf(client.integrations.pause('00000000-0000-4000-8000-000000000000'));
    expect([missing.status, missing.code, missing.title]).to.deep.equal([404, 'not_found', 'Not found']);
    const wrongKind = await problemOf(client.integrations.pause(rows[0]!.id));
    expect([wrongKind.status, wrongKind.code]).to.deep.equal([409, 'invalid_transition']);
    expect(wrongKind.detail).to.contain('Datto RMM');
    const anonymous = await problemOf(createApiClient('/api', () => undefined).integrations.list());
    expect([anonymous.status, anonymous.isAuthProblem, anonymous.detail]).to.deep.equal([401, true, 'A valid bearer token is required.']);
  });

  it('reads the token at each call, so a refreshed token needs no new client', async () => {
    let token: string | undefined;
    const client = createApiClient('/api', () => token);
    expect((await problemOf(client.integrations.list())).status).to.equal(401);
    token = await tokenFor(uniquePartner());
    expect(await client.integrations.list()).to.deep.equal([]);
  });

  it('calls the BFF under any API base', async () => {
    expect(normaliseApiBase(' https://bff.example.com/hub/ ')).to.equal('https://bff.example.com/hub');
    expect(normaliseApiBase('')).to.equal('/api');
    const original = window.fetch;
    const urls: string[] = [];
    window.fetch = async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ integrations: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    try {
      await createApiClient('https://bff.example.com/hub/', () => 't').integrations.list('psa');
      await createApiClient('/api', () => 't').integrations.reconnect('abc').catch(() => undefined);
    } finally {
      window.fetch = original;
    }
    expect(urls).to.deep.equal(['https://bff.example.com/hub/integrations?kind=psa', '/api/integrations/abc/reconnect']);
  });

  it('reports an unreachable BFF as a network problem', async () => {
    const problem = await problemOf(createApiClient('http://127.0.0.1:9/api', () => 't').integrations.list());
    expect([problem.status, problem.code]).to.deep.equal([0, 'network']);
    expect(problem.detail).to.contain('http://127.0.0.1:9/api');
  });
});

describe('the test BFF', () => {
  it('resets one partner without touching another', async () => {
    const a = await seedPartner([{ vendor: 'autotask', status: 'active' }]);
    const b = await seedPartner([{ vendor: 'syncro', status: 'connected' }]);
    await resetPartner(a.partner);
    expect(await createApiClient('/api', () => a.token).integrations.list()).to.deep.equal([]);
    expect(await createApiClient('/api', () => b.token).integrations.list()).to.have.length(1);
  });
});
