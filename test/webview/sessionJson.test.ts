import * as assert from 'node:assert/strict';
import { formatSessionJson, MASK, maskSecrets } from '../../src/webview/sessionJson';

describe('session JSON masking', () => {
  const session = {
    arn: 'arn:aws:devicefarm:us-west-2:123456789012:session:a/b/00000',
    created: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    endpoint: 'wss://host.example.invalid/x?token=abc123',
    endpoints: { interactiveEndpoint: 'wss://host.example.invalid/i?X-Amz-Security-Token=def456', remoteDriverEndpoint: 'https://host.example.invalid/wd/hub' },
    message: 'see https://user:pw789@host.example.invalid/path?Signature=ghi012&page=2',
    appUpload: 'https://uploads.example.invalid/app.apk?X-Amz-Credential=jkl345&X-Amz-Date=20260101',
  };

  it('masks the endpoint fields whole', () => {
    const { masked } = maskSecrets(session) as { masked: typeof session };

    assert.equal(masked.endpoint, MASK);
    assert.equal(masked.endpoints.interactiveEndpoint, MASK);
    assert.equal(masked.endpoints.remoteDriverEndpoint, MASK);
  });

  it('masks token parameters in other URLs', () => {
    const { masked } = maskSecrets(session) as { masked: typeof session };

    assert.ok(!masked.appUpload.includes('jkl345'));
    assert.ok(masked.appUpload.includes('X-Amz-Date=20260101'), 'other parameters stay');
    assert.equal(masked.message, session.message, 'text that is not a URL stays as it is');
  });

  it('lists the paths it hid', () => {
    const { secrets } = maskSecrets(session);

    assert.deepEqual(secrets.map(secret => secret.path), ['endpoint', 'endpoints.interactiveEndpoint', 'endpoints.remoteDriverEndpoint', 'appUpload']);
  });

  it('formats timestamps as ISO 8601', () => {
    const text = formatSessionJson(session as never);

    assert.match(text, /"created": "2026-01-02T03:04:05\.678Z"/);
    assert.ok(!text.includes('abc123'));
  });

  it('reveals every value on request', () => {
    const text = formatSessionJson(session as never, true);

    assert.ok(['abc123', 'def456', 'jkl345'].every(token => text.includes(token)));
  });
});
