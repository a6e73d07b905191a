import assert from 'node:assert/strict';
import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  appErrorFromGraphFailure,
  appErrorFromGraphResponse,
  parseRetryAfter,
  readableGraphMessage,
} from '../../../../src/adapters/graph/graph-errors';
import { AppError } from '../../../../src/domain/errors';

const INTUNE_MESSAGE =
  '{"_version":3,"Message":"Application is not authorized to perform this operation. - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 9a8b7c6d-0000-4000-8000-000000000001 - Url: https://fef.msua06.manage.microsoft.com/...","CustomApiErrorPhrase":"","RetryAfter":null,"ErrorSourceService":"","HttpHeaders":"{}"}';

const graphBody = (code: string, message: string, requestId = 'req-1') => ({
  error: { code, message, innerError: { date: '2026-11-25T08:00:00', 'request-id': requestId, 'client-request-id': requestId } },
});

const NOW = Date.parse('2026-11-25T08:00:00Z');

describe('Graph errors', () => {
  describe('parseRetryAfter', () => {
    it('reads seconds', () => {
      assert.equal(parseRetryAfter('7', NOW), 7);
      assert.equal(parseRetryAfter(' 0 ', NOW), 0);
      assert.equal(parseRetryAfter('1.2', NOW), 2);
    });

    it('reads an HTTP date as seconds from now', () => {
      assert.equal(parseRetryAfter('Wed, 25 Nov 2026 08:00:30 GMT', NOW), 30);
    });

    it('never answers a negative wait for a date in the past', () => {
      assert.equal(parseRetryAfter('Wed, 25 Nov 2026 07:00:00 GMT', NOW), 0);
    });

    it('gives nothing for a missing or unreadable value', () => {
      assert.equal(parseRetryAfter(null, NOW), undefined);
      assert.equal(parseRetryAfter('', NOW), undefined);
      assert.equal(parseRetryAfter('soon', NOW), undefined);
      assert.equal(parseRetryAfter('-5', NOW), undefined);
    });
  });

  describe('readableGraphMessage', () => {
    it("turns Intune's JSON-in-message into its plain sentence", () => {
      assert.deepEqual(readableGraphMessage(INTUNE_MESSAGE), {
        text: 'Application is not authorized to perform this operation.',
        retryAfterSeconds: undefined,
      });
    });

    it('keeps an ordinary message as it is', () => {
      assert.equal(readableGraphMessage('Invalid filter clause').text, 'Invalid filter clause');
    });

    it('keeps text that only looks like JSON', () => {
      assert.equal(readableGraphMessage('{not json').text, '{not json');
      assert.equal(readableGraphMessage('{"other":1}').text, '{"other":1}');
    });

    it("reads Intune's RetryAfter when it is a number", () => {
      assert.equal(readableGraphMessage('{"Message":"Slow down","RetryAfter":12}').retryAfterSeconds, 12);
    });
  });

  describe('appErrorFromGraphResponse', () => {
    const table: Array<[number, string]> = [
      [400, 'graph.badRequest'],
      [401, 'auth.signInRequired'],
      [403, 'graph.forbidden'],
      [404, 'graph.notFound'],
      [408, 'graph.unavailable'],
      [409, 'graph.unexpected'],
      [429, 'graph.throttled'],
      [500, 'graph.unavailable'],
      [502, 'graph.unavailable'],
      [503, 'graph.unavailable'],
      [504, 'graph.unavailable'],
    ];
    for (const [status, code] of table) {
      it(`maps ${status} to ${code}`, () => {
        const error = appErrorFromGraphResponse(status, new Headers(), graphBody('Some', 'text'), NOW);
        assert.equal(error.code, code);
        assert.equal(error.details.status, status);
        assert.equal(error.details.requestId, 'req-1');
        assert.equal(error.details.errorCode, 'Some');
      });
    }

    it("makes Intune's 403 readable and keeps its request id", () => {
      const error = appErrorFromGraphResponse(403, new Headers(), graphBody('Forbidden', INTUNE_MESSAGE, '0c1d2e3f'), NOW);
      assert.equal(error.code, 'graph.forbidden');
      assert.equal(error.message, 'Microsoft Graph answered 403 Forbidden: Application is not authorized to perform this operation.');
      assert.equal(error.details.requestId, '0c1d2e3f');
    });

    it('takes Retry-After seconds for a 429', () => {
      const error = appErrorFromGraphResponse(429, new Headers({ 'Retry-After': '7' }), graphBody('TooManyRequests', 'Too many requests.'), NOW);
      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 7);
    });

    it('takes a Retry-After date for a 429', () => {
      const error = appErrorFromGraphResponse(429, new Headers({ 'Retry-After': 'Wed, 25 Nov 2026 08:01:00 GMT' }), undefined, NOW);
      assert.equal(error.details.retryAfterSeconds, 60);
    });

    it('falls back to a default wait when a 429 says nothing', () => {
      const error = appErrorFromGraphResponse(429, new Headers(), 'Too many', NOW);
      assert.equal(error.details.retryAfterSeconds, DEFAULT_RETRY_AFTER_SECONDS);
    });

    it('takes the request id from the request-id header when the body has none', () => {
      const error = appErrorFromGraphResponse(503, new Headers({ 'request-id': 'hdr-9' }), '<html>Service Unavailable</html>', NOW);
      assert.equal(error.code, 'graph.unavailable');
      assert.equal(error.details.requestId, 'hdr-9');
      assert.equal(error.details.errorCode, undefined);
    });

    it('reads a body given as JSON text', () => {
      const error = appErrorFromGraphResponse(404, undefined, JSON.stringify(graphBody('Request_ResourceNotFound', 'gone')), NOW);
      assert.equal(error.details.errorCode, 'Request_ResourceNotFound');
    });

    it('never repeats a token that Graph echoed in its message', () => {
      const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl';
      const error = appErrorFromGraphResponse(400, new Headers(), graphBody('BadRequest', `Bad header Bearer ${jwt}`), NOW);
      assert.ok(!error.message.includes(jwt));
      assert.ok(!error.message.includes('eyJ'));
    });
  });

  describe('appErrorFromGraphFailure', () => {
    it('maps a GraphError with a status like the response itself', () => {
      const graphError = new GraphError(429, 'Too many');
      graphError.headers = new Headers({ 'retry-after': '3' });
      graphError.body = JSON.stringify(graphBody('TooManyRequests', 'Too many', 'r-429'));
      const error = appErrorFromGraphFailure(graphError, NOW);
      assert.equal(error.code, 'graph.throttled');
      assert.equal(error.details.retryAfterSeconds, 3);
      assert.equal(error.details.requestId, 'r-429');
    });

    it('maps a failed fetch (GraphError without a status) to unavailable', () => {
      const graphError = new GraphError(-1, '', new TypeError('fetch failed'));
      graphError.code = 'TypeError';
      const error = appErrorFromGraphFailure(graphError);
      assert.equal(error.code, 'graph.unavailable');
      assert.match(error.message, /connection/);
    });

    it('maps a timeout to unavailable, saying the outcome is unknown', () => {
      const graphError = new GraphError(-1, 'The operation was aborted due to timeout');
      graphError.code = 'TimeoutError';
      const error = appErrorFromGraphFailure(graphError);
      assert.equal(error.code, 'graph.unavailable');
      assert.match(error.message, /did not answer in time/);
    });

    it('maps a raw fetch TypeError to unavailable', () => {
      assert.equal(appErrorFromGraphFailure(new TypeError('fetch failed')).code, 'graph.unavailable');
    });

    it('maps a GraphClientError (our misuse) to unexpected', () => {
      assert.equal(appErrorFromGraphFailure(new GraphClientError('bad host')).code, 'graph.unexpected');
    });

    it('passes an AppError through', () => {
      const original = new AppError('auth.consentRequired', 'consent');
      assert.equal(appErrorFromGraphFailure(original), original);
    });
  });
});
