import * as assert from 'node:assert/strict';
import { displayText, quickPickText } from '../src/displayText';

describe('display text', () => {
  it('replaces direction overrides', () => {
    assert.equal(displayText('invoice\u202Egnp.exe'), 'invoice\uFFFDgnp.exe');
  });

  it('replaces control characters', () => {
    assert.equal(displayText('a\u0000b\u001bc\u007f'), 'a\uFFFDb\uFFFDc\uFFFD');
  });

  it('keeps other unicode as it is', () => {
    assert.equal(displayText('Łódź Transit 🚋 ログイン'), 'Łódź Transit 🚋 ログイン');
  });

  it('breaks icon syntax in quick picks', () => {
    assert.equal(quickPickText('$(alert) urgent'), '$\u200B(alert) urgent');
  });
});
