// Sharing a run's energy among functions and lines by sampled time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attribute, hintLines, parseProbeResult } from '../../src/extension/profile/attribution';
import { mainGuardLines } from '../../src/extension/profile/model';

const probe = {
  schema: 'frugal.probe/1',
  script: '/w/train.py',
  python: '3.11.7',
  intervalMs: 10,
  wallS: 2.1,
  samples: 200,
  sampledS: 2,
  functions: [
    { file: '/w/train.py', line: 1, name: '<module>', selfS: 0, totalS: 2, user: true },
    { file: '/w/train.py', line: 4, name: 'train', selfS: 1.5, totalS: 1.5, user: true },
    { file: '/usr/lib/python3/json/__init__.py', line: 10, name: 'dumps', selfS: 0.5, totalS: 0.5, user: false },
  ],
  lines: [],
  userLines: [
    { file: '/w/train.py', line: 6, function: 'train', selfS: 1.5 },
    { file: '/w/train.py', line: 12, function: '<module>', selfS: 0.45 },
    { file: '/w/train.py', line: 13, function: '<module>', selfS: 0.05 },
  ],
};

describe('attribution', () => {
  test('shares energy by time; the module body is left out of functions', () => {
    const a = attribute(parseProbeResult(probe)!, 100, (f) => f.replace('/w/', ''));
    assert.deepEqual(a.functions.map((f) => [f.name, f.share, f.energyJ, f.relPath]), [
      ['train', 0.75, 75, 'train.py'],
      ['dumps', 0.25, 25, '/usr/lib/python3/json/__init__.py'],
    ]);
    assert.equal(a.functions[1].user, false);
    assert.deepEqual(a.lines.map((l) => [l.line, Math.round(l.energyJ * 1e6) / 1e6]), [[6, 75], [12, 22.5], [13, 2.5]]);
    assert.deepEqual(hintLines(a).map((l) => l.line), [6, 12], 'lines under 5 % get no hint');
  });

  test('rejects what is not a probe result and drops malformed entries', () => {
    assert.equal(parseProbeResult(null), undefined);
    assert.equal(parseProbeResult({ ...probe, schema: 'x' }), undefined);
    assert.equal(parseProbeResult({ ...probe, functions: 'x' }), undefined);
    const p = parseProbeResult({ ...probe, userLines: [...probe.userLines, { file: 1 }] })!;
    assert.equal(p.userLines.length, 3);
    assert.equal(p.python, '3.11.7');
  });

  test('no samples: zero shares, never NaN', () => {
    const a = attribute(parseProbeResult({ ...probe, sampledS: 0 })!, 100, (f) => f);
    assert.ok(a.lines.every((l) => l.share === 0 && l.energyJ === 0));
  });
});

describe('CodeLens anchors', () => {
  test('module-level main guards only', () => {
    const src = ['import x', 'if __name__ == "__main__":', '    main()', "if __name__=='__main__':", '  if __name__ == "__main__":', '# if __name__ == "__main__":'].join('\n');
    assert.deepEqual(mainGuardLines(src), [1, 3]);
  });
});
