// The panel's message protocol: the host accepts exactly the webview's shapes and nothing else;
// the webview reads only well-formed host messages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHostMessage, parseWebviewMessage } from '../../src/extension/profile/protocol';
import { summary, view } from './fixtures';

describe('webview → host', () => {
  test('accepts each message shape', () => {
    const ok: unknown[] = [
      { type: 'ready' },
      { type: 'start', durationS: 30 },
      { type: 'stop' },
      { type: 'open', runId: 'm1-abc', kind: 'line', index: 0 },
      { type: 'select', runId: 'm1-abc' },
      { type: 'export', runId: 'm1-abc', format: 'csv' },
      { type: 'setCountry', runId: 'm1-abc', country: 'fra' },
      { type: 'setCountry', runId: 'm1-abc', country: '' },
      { type: 'clearHints' },
      { type: 'deleteRun', runId: 'x' },
      { type: 'howWeMeasure' },
      { type: 'rendered', runId: 'x', phase: 'result' },
    ];
    for (const m of ok) assert.ok(parseWebviewMessage(m), JSON.stringify(m));
    assert.deepEqual(parseWebviewMessage({ type: 'setCountry', runId: 'a', country: ' fra ' }), { type: 'setCountry', runId: 'a', country: 'FRA' });
  });

  test('rejects unknown types, extra keys, wrong types and out-of-range values', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'run' },
      { type: 'ready', extra: 1 },
      { type: 'start' },
      { type: 'start', durationS: '30' },
      { type: 'start', durationS: 0 },
      { type: 'start', durationS: -5 },
      { type: 'start', durationS: Infinity },
      { type: 'start', durationS: 1e9 },
      { type: 'open', runId: '../../etc/passwd', kind: 'line', index: 0 },
      { type: 'open', runId: 'a', kind: 'file', index: 0 },
      { type: 'open', runId: 'a', kind: 'line', index: 1.5 },
      { type: 'open', runId: 'a', kind: 'line', index: -1 },
      { type: 'open', runId: 'a', kind: 'line', index: 0, file: '/etc/passwd' },
      { type: 'export', runId: 'a', format: 'xml' },
      { type: 'setCountry', runId: 'a', country: 'France' },
      { type: 'setCountry', runId: 'a', country: 'F1' },
      { type: 'select', runId: 'a'.repeat(65) },
      { type: 'select', runId: 42 },
      { type: 'rendered', runId: 'a', phase: 'done' },
      { type: '__proto__' },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
  });
});

describe('host → webview', () => {
  const s = summary('r1');
  test('accepts well-formed messages', () => {
    assert.ok(parseHostMessage({ type: 'runEnded', runId: 'r1', view: view(s) }));
    assert.ok(parseHostMessage({ type: 'history', runs: [s] }));
    assert.ok(parseHostMessage({ type: 'sample', runId: 'r1', sample: { t: 1, cpuW: 2, gpuW: 0, ramW: 1, energyJ: 3 } }));
    assert.ok(parseHostMessage({ type: 'init', state: { trusted: false, durationS: 30, country: '', history: [s], hintsShown: false } }));
  });

  test('rejects malformed ones', () => {
    assert.equal(parseHostMessage({ type: 'history', runs: [{ ...s, energy: { cpuJ: 'a' } }] }), undefined);
    assert.equal(parseHostMessage({ type: 'sample', runId: 'r1', sample: { t: 1, cpuW: NaN, gpuW: 0, ramW: 1, energyJ: 3 } }), undefined);
    assert.equal(parseHostMessage({ type: 'runEnded', runId: 'r1', view: { ...view(s), points: [{ t: 'x' }] } }), undefined);
    assert.equal(parseHostMessage({ type: 'eval', code: 'alert(1)' }), undefined);
    assert.equal(parseHostMessage({ type: 'init', state: { trusted: 'yes' } }), undefined);
  });
});
