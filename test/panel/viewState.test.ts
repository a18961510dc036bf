// The panel's state logic: a run's life from start to result, stale messages, picks for
// comparison, the before/after figures and the number formats.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareRuns, formatGrams, formatJoules, formatPct, formatShare, formatWh, initialState, latestRunOf, MAX_LIVE_POINTS, outcome, reduce, setDuration, toggleCompare } from '../../src/extension/profile/viewState';
import type { PanelState } from '../../src/extension/profile/viewState';
import { summary, view } from './fixtures';

const run = { id: 'r2', script: '/w/train.py', relPath: 'train.py', durationS: 30, startedAt: '2025-01-02T10:00:00.000Z' };

describe('panel state', () => {
  test('init, run started, samples, result', () => {
    let s = reduce(initialState(), { type: 'init', state: { trusted: true, durationS: 45, country: 'FRA', history: [summary('r1')], hintsShown: false } });
    assert.equal(s.durationS, 45);
    assert.equal(s.country, 'FRA');
    s = reduce(s, { type: 'runStarted', run });
    assert.deepEqual(s.live?.points, []);
    s = reduce(s, { type: 'sample', runId: 'r2', sample: { t: 0.2, cpuW: 10, gpuW: 0, ramW: 2, energyJ: 2.4 } });
    s = reduce(s, { type: 'sample', runId: 'other', sample: { t: 0.4, cpuW: 10, gpuW: 0, ramW: 2, energyJ: 4.8 } });
    assert.equal(s.live?.points.length, 1, 'a sample of another run is ignored');
    const v = view(summary('r2'));
    s = reduce(s, { type: 'runEnded', runId: 'r2', view: v });
    assert.equal(s.live, undefined);
    assert.equal(s.view, v);
  });

  test('a failure ends the live view and shows the message', () => {
    let s = reduce(initialState(), { type: 'runStarted', run });
    s = reduce(s, { type: 'runFailed', runId: 'r2', message: 'no Python' });
    assert.equal(s.live, undefined);
    assert.equal(s.error, 'no Python');
    s = reduce(s, { type: 'runStarted', run });
    assert.equal(s.error, undefined);
  });

  test('live points are thinned beyond the limit, keeping the last', () => {
    let s = reduce(initialState(), { type: 'runStarted', run });
    for (let i = 0; i <= MAX_LIVE_POINTS + 10; i++) s = reduce(s, { type: 'sample', runId: 'r2', sample: { t: i, cpuW: 1, gpuW: 0, ramW: 1, energyJ: i } });
    assert.ok(s.live!.points.length <= MAX_LIVE_POINTS);
    assert.equal(s.live!.points.at(-1)!.t, MAX_LIVE_POINTS + 10);
  });

  test('a duration the user typed survives settings and init messages', () => {
    let s = setDuration(initialState(), 120);
    s = reduce(s, { type: 'settings', durationS: 30, country: '' });
    assert.equal(s.durationS, 120);
    assert.equal(setDuration(s, -1), s);
    assert.equal(setDuration(s, NaN), s);
  });

  test('history updates drop picks and views of removed runs', () => {
    let s: PanelState = { ...initialState(), history: [summary('a'), summary('b'), summary('c')] };
    s = toggleCompare(toggleCompare(s, 'a'), 'b');
    assert.deepEqual(s.compare, ['a', 'b']);
    s = toggleCompare(s, 'c');
    assert.deepEqual(s.compare, ['b', 'c'], 'a third pick drops the oldest');
    s = toggleCompare(s, 'b');
    assert.deepEqual(s.compare, ['c']);
    assert.equal(toggleCompare(s, 'zzz'), s, 'an unknown run cannot be picked');
    s = { ...reduce(s, { type: 'show', view: view(summary('c')) }) };
    s = reduce(s, { type: 'history', runs: [summary('a')] });
    assert.deepEqual(s.compare, []);
    assert.equal(s.view, undefined);
  });
});

describe('compare', () => {
  test('before/after by date, per component, time and CO2e', () => {
    const before = summary('a', { startedAt: '2025-01-01T10:00:00Z', durationS: 10, energy: { cpuJ: 80, gpuJ: 0, ramJ: 20, totalJ: 100 }, gCO2e: 2 });
    const after = summary('b', { startedAt: '2025-01-01T11:00:00Z', durationS: 5, energy: { cpuJ: 40, gpuJ: 0, ramJ: 10, totalJ: 50 }, gCO2e: 1 });
    const c = compareRuns(after, before);
    assert.equal(c.before.id, 'a');
    assert.deepEqual(
      c.components.map((d) => [d.component, d.deltaPct]),
      [['CPU', -50], ['GPU', undefined], ['RAM', -50], ['total', -50]],
    );
    assert.equal(c.deltaTimeS, -5);
    assert.equal(c.deltaTimePct, -50);
    assert.equal(c.deltaCO2ePct, -50);
    assert.equal(c.deltaPowerPct, 0);
    assert.equal(c.partial, false);
    assert.equal(c.differentScripts, false);
    assert.equal(compareRuns(before, summary('x', { stoppedBy: 'duration', script: '/w/other.py' })).partial, true);
  });

  test('latest run of a script', () => {
    const runs = [summary('a', { startedAt: '2025-01-01T10:00:00Z' }), summary('b', { startedAt: '2025-01-03T10:00:00Z' }), summary('c', { startedAt: '2025-01-05T10:00:00Z', script: '/w/x.py' })];
    assert.equal(latestRunOf(runs, '/w/train.py')?.id, 'b');
    assert.equal(latestRunOf(runs, '/w/none.py'), undefined);
  });
});

describe('formatting', () => {
  test('energy in J and Wh, grams, percentages, outcomes', () => {
    assert.equal(formatJoules(0.0123), '0.012 J');
    assert.equal(formatJoules(12.34), '12.3 J');
    assert.equal(formatJoules(7200), '2.00 Wh');
    assert.equal(formatWh(36), '10.00 mWh');
    assert.equal(formatWh(7200), '2.00 Wh');
    assert.equal(formatGrams(0.0015), '1.50 mg');
    assert.equal(formatGrams(2.5), '2.50 g');
    assert.equal(formatPct(-12.345, true), '−12 %');
    assert.equal(formatPct(4.21, true), '+4.2 %');
    assert.equal(formatPct(undefined), '—');
    assert.equal(formatShare(0.412), '41 %');
    assert.equal(formatShare(0.004), '< 1 %');
    assert.equal(outcome({ exitCode: 0, stoppedBy: 'exit' }), 'finished');
    assert.equal(outcome({ exitCode: 3, stoppedBy: 'exit' }), 'failed (exit code 3)');
    assert.equal(outcome({ exitCode: null, stoppedBy: 'cancel', signal: 'SIGINT' }), 'stopped');
  });
});
