// `frugal report`: real CodeCarbon emissions.csv files of six versions and several machines
// (test/fixtures/codecarbon/README.md), partial rows, cumulative rows of one run, --by, --json.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { emissionsReport, readEmissionsFile, readEmissionsText, type EmissionsReport } from '../../src/report/codecarbon';
import { parseCsv } from '../../src/report/csv';
import { parseHostMessage, parseWebviewMessage } from '../../src/extension/profile/protocol';
import { teamView, CHART_PROJECTS } from '../../src/extension/report/views';
import { FIXTURES, ROOT } from '../helpers';

const DIR = path.join(FIXTURES, 'codecarbon');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.csv')).map((f) => path.join(DIR, f));
const CLI = path.join(ROOT, 'dist', 'cli.js');

const frugal = (...args: string[]) => spawnSync(process.execPath, [CLI, 'report', ...args], { encoding: 'utf8' });

describe('CodeCarbon logs', () => {
  test('CSV: quotes, doubled quotes, line breaks in cells, CRLF, BOM, padding; a record cut off in quotes', () => {
    const p = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n  1 ,2\n');
    assert.deepEqual(p.records.map((r) => r.cells), [['a', 'b'], ['x, y', 'say "hi"\nthere'], ['1', '2']]);
    assert.deepEqual(p.records.map((r) => r.line), [1, 2, 4]);
    assert.equal(parseCsv('a,b\n1,"open').unterminatedAt, 2);
  });

  test('every version’s header is read: energy, emissions, duration and hardware per file', () => {
    for (const f of FILES) {
      const { runs, summary } = readEmissionsFile(f);
      assert.ok(runs.length >= 1, f);
      assert.equal(summary.skipped.length, 0, `${f}: ${JSON.stringify(summary.skipped)}`);
      for (const r of runs) {
        assert.ok(r.durationS > 0 && r.energyKWh! > 0 && r.emissionsKg! > 0, `${f}:${r.line}`);
        assert.ok(r.timestamp && r.day?.match(/^\d{4}-\d\d-\d\d$/), `${f}:${r.line}`);
      }
    }
    const v1 = readEmissionsFile(path.join(DIR, 'v1-taed2.csv')).summary;
    assert.deepEqual(v1.versions, ['1.x (header)']);
    assert.deepEqual(readEmissionsFile(path.join(DIR, 'v3.2.3-green-ml-bench.csv')).summary.versions, ['3.2.3']);
    const padded = readEmissionsFile(path.join(DIR, 'v2.4.2-energy-tracker-padded.csv')).runs[0];
    assert.equal(padded.project, 'codecarbon');
    assert.equal(padded.gpuModel, '1 x Tesla V100-PCIE-32GB');
    assert.equal(padded.energyKWh, 0.0124456804248577);
  });

  test('totals across files of several machines and versions, by project', () => {
    const r = emissionsReport(FILES.map(readEmissionsFile), 'project');
    assert.equal(r.totals.runs, 13);
    const expectedKWh = FILES.flatMap((f) => readEmissionsFile(f).runs).reduce((a, x) => a + x.energyKWh!, 0);
    assert.ok(Math.abs(r.totals.energyKWh - expectedKWh) < 1e-12);
    const pypx = r.groups.find((g) => g.key === 'pypx-repack')!;
    assert.equal(pypx.runs, 2);
    assert.ok(Math.abs(pypx.emissionsKg - (0.0016069342286333 + 0.6483703549784203)) < 1e-12);
    assert.deepEqual(pypx.gpuModels, ['1 x NVIDIA GeForce GTX 1050 Ti']);
    assert.equal(r.groups[0].key, 'pypx-repack', 'largest emissions first');
    const cc = r.groups.find((g) => g.key === 'codecarbon')!;
    assert.ok(cc.machines.length >= 4, 'the default project ran on several machines');
    assert.ok(r.timeline.length >= 6 && r.timeline.every((t, i, a) => i === 0 || a[i - 1].day <= t.day));
  });

  test('--by day, experiment and run', () => {
    const files = FILES.map(readEmissionsFile);
    const byDay = emissionsReport(files, 'day');
    assert.deepEqual(byDay.groups.map((g) => g.key), [...byDay.groups.map((g) => g.key)].sort());
    assert.ok(byDay.groups.some((g) => g.key === '2024-05-30' && g.runs === 3));
    assert.ok(emissionsReport(files, 'experiment').groups.some((g) => g.key === '5b0fa12a-3dd7-45bb-9766-cc326314d9f1' && g.runs === 5));
    assert.equal(emissionsReport(files, 'run').groups.length, 13);
  });

  test('partial rows are skipped and listed; cumulative rows of one run count once; a run in two files once', () => {
    const text = readFileSync(path.join(DIR, 'v2.7.1-exploring-codecarbon.csv'), 'utf8').trimEnd().split('\n');
    const [header, first, second] = text;
    // A flush before the end: the same run with a shorter duration, written first.
    const earlier = first.replace(',3.634300006999979,', ',1.5,');
    const cut = second.slice(0, 60);
    const one = readEmissionsText([header, earlier, first, second, cut].join('\n') + '\n', 'team.csv');
    assert.equal(one.runs.length, 2);
    assert.equal(one.summary.superseded, 1);
    assert.equal(one.runs[0].durationS, 3.634300006999979);
    assert.equal(one.summary.skipped.length, 1);
    assert.match(one.summary.skipped[0].why, /partial row/);
    const unterminated = readEmissionsText([header, first, `${second.slice(0, 40)},"Linux`].join('\n'), 'live.csv');
    assert.match(unterminated.summary.skipped[0].why, /cut off inside a quoted cell/);
    const copy = readEmissionsText([header, first].join('\n'), 'copy.csv');
    const r = emissionsReport([one, copy]);
    assert.equal(r.totals.runs, 2);
    assert.ok(r.notes.some((n) => /more than one file/.test(n)));
    assert.ok(r.notes.some((n) => /team\.csv:5: skipped/.test(n)));
  });

  test('the panel: cumulative CO2e per day for the largest projects, the rest together; the webview accepts it', () => {
    const r = emissionsReport(FILES.map(readEmissionsFile));
    const t = teamView(r);
    assert.deepEqual(t.days, [...t.days].sort());
    assert.equal(t.series.length, r.groups.length, 'few projects: one line each');
    // Eight projects: the six largest have their own line, the other two share one.
    const [header, row] = readFileSync(path.join(DIR, 'v2.2.2-pypx-repack.csv'), 'utf8').split('\n');
    const many = readEmissionsText([header, ...Array.from({ length: 8 }, (_, i) => row.replace('pypx-repack', `p${i}`).replace('d3e5a5a8', `0000000${i}`).replace('0.0016069342286333', String(i + 1)))].join('\n'), 'many.csv');
    const tm = teamView(emissionsReport([many]));
    assert.equal(tm.series.length, CHART_PROJECTS + 1);
    assert.deepEqual(tm.series.map((x) => x.project), ['p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'other projects']);
    assert.deepEqual(tm.series[CHART_PROJECTS].cumulativeKg, [3]);
    const last = t.series.reduce((a, s) => a + s.cumulativeKg[s.cumulativeKg.length - 1], 0);
    assert.ok(Math.abs(last - r.totals.emissionsKg) < 1e-12, 'the lines end at the total');
    for (const s of t.series) assert.ok(s.cumulativeKg.every((v, i, a) => i === 0 || v >= a[i - 1]), 'cumulative');
    assert.ok(parseHostMessage({ type: 'team', team: t }));
    assert.ok(parseHostMessage({ type: 'team' }));
    assert.equal(parseHostMessage({ type: 'team', team: { ...t, series: [{ project: 'x', cumulativeKg: [1] }] } }), undefined, 'a line must have one value per day');
    assert.deepEqual(parseWebviewMessage({ type: 'closeTeam' }), { type: 'closeTeam' });
  });

  test('the CLI: text, --by, --json to standard output and to a file; errors', () => {
    const text = frugal(...FILES, '--by', 'project');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /13 runs in 6 files/);
    assert.match(text.stdout, /pypx-repack/);
    const json = frugal(FILES[0], FILES[1], '--json');
    assert.equal(json.status, 0);
    const r = JSON.parse(json.stdout) as EmissionsReport;
    assert.equal(r.schema, 'frugal.codecarbon-report/1');
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'frugal-report-')), 'r.json');
    assert.equal(frugal('--json', out, ...FILES, '--by', 'day').status, 0);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as EmissionsReport).by, 'day');
    assert.equal(frugal(...FILES, '--by', 'week').status, 2);
    assert.equal(frugal().status, 2);
    const missing = frugal('/nonexistent/emissions.csv');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no such file/);
    const notCc = path.join(path.dirname(out), 'other.csv');
    writeFileSync(notCc, 'a,b\n1,2\n');
    assert.match(frugal(notCc).stderr, /not a CodeCarbon emissions\.csv/);
  });
});
