// The run history on disk: atomic writes, reloads, pruning, and unreadable files set aside
// rather than fatal.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { HistoryStore, writeFileAtomic } from '../../src/extension/profile/history';
import { summary, view } from './fixtures';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'frugal-history-'));
const stored = (id: string, startedAt?: string) => {
  const s = summary(id, startedAt ? { startedAt } : {});
  return [s, { report: { schema: 'frugal.profile/1', id }, view: view(s) }] as const;
};

describe('history store', () => {
  test('adds runs newest first and reads them back in a new store (a reload)', async () => {
    const dir = tmp();
    const store = new HistoryStore(dir);
    assert.deepEqual((await store.load()).runs, []);
    await store.add(...stored('a', '2025-01-01T10:00:00Z'));
    await store.add(...stored('b', '2025-01-02T10:00:00Z'));
    assert.deepEqual(store.list().map((r) => r.id), ['b', 'a']);
    const again = new HistoryStore(dir);
    const loaded = await again.load();
    assert.deepEqual(loaded.runs.map((r) => r.id), ['b', 'a']);
    assert.deepEqual((await again.get('a'))?.report, { schema: 'frugal.profile/1', id: 'a' });
    assert.deepEqual(readdirSync(dir).sort(), ['history.json', 'runs'], 'no temporary file is left');
    assert.deepEqual(readdirSync(path.join(dir, 'runs')).sort(), ['a.json', 'b.json']);
  });

  test('concurrent adds all land', async () => {
    const store = new HistoryStore(tmp());
    await Promise.all(['a', 'b', 'c', 'd'].map((id, i) => store.add(...stored(id, `2025-01-0${i + 1}T10:00:00Z`))));
    assert.deepEqual(store.list().map((r) => r.id), ['d', 'c', 'b', 'a']);
  });

  test('keeps at most maxRuns, deleting the oldest runs\' files', async () => {
    const dir = tmp();
    const store = new HistoryStore(dir, 2);
    for (const [i, id] of ['a', 'b', 'c'].entries()) await store.add(...stored(id, `2025-01-0${i + 1}T10:00:00Z`));
    assert.deepEqual(store.list().map((r) => r.id), ['c', 'b']);
    assert.equal(existsSync(path.join(dir, 'runs', 'a.json')), false);
  });

  test('a corrupt index is set aside and the history starts empty', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'history.json'), '{"schema": "frugal.history/1", "runs": [');
    const store = new HistoryStore(dir);
    const r = await store.load();
    assert.deepEqual(r.runs, []);
    assert.equal(r.setAside.length, 1);
    assert.match(path.basename(r.setAside[0]), /^history\.json\.corrupt-/);
    assert.ok(existsSync(r.setAside[0]));
    await store.add(...stored('a'));
    assert.deepEqual((await new HistoryStore(dir).load()).runs.map((x) => x.id), ['a']);
  });

  test('an index of another schema is set aside too; bad entries are dropped', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'history.json'), JSON.stringify({ schema: 'other', runs: [] }));
    assert.equal((await new HistoryStore(dir).load()).setAside.length, 1);
    writeFileSync(path.join(dir, 'history.json'), JSON.stringify({ schema: 'frugal.history/1', runs: [summary('ok'), { id: 'bad' }, 42] }));
    const r = await new HistoryStore(dir).load();
    assert.deepEqual(r.runs.map((x) => x.id), ['ok']);
    assert.equal(r.dropped, 2);
  });

  test('a corrupt run file is set aside and reads as missing', async () => {
    const dir = tmp();
    const store = new HistoryStore(dir);
    await store.add(...stored('a'));
    writeFileSync(path.join(dir, 'runs', 'a.json'), 'not json');
    assert.equal(await store.get('a'), undefined);
    assert.ok(readdirSync(path.join(dir, 'runs')).some((f) => f.startsWith('a.json.corrupt-')));
    assert.equal(await store.get('unknown'), undefined);
  });

  test('update and remove', async () => {
    const dir = tmp();
    const store = new HistoryStore(dir);
    const [s, data] = stored('a');
    await store.add(s, data);
    await store.update({ ...s, gCO2e: 9 }, data);
    assert.equal((await new HistoryStore(dir).load()).runs[0].gCO2e, 9);
    await store.remove('a');
    assert.deepEqual(store.list(), []);
    assert.equal(existsSync(path.join(dir, 'runs', 'a.json')), false);
  });
});

describe('atomic write', () => {
  test('replaces the whole file and leaves no temporary file', async () => {
    const dir = tmp();
    const file = path.join(dir, 'sub', 'x.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    assert.equal(readFileSync(file, 'utf8'), 'two');
    assert.deepEqual(readdirSync(path.dirname(file)), ['x.json']);
  });

  test('a failed rename removes the temporary file', async () => {
    const dir = tmp();
    const target = path.join(dir, 'is-a-dir');
    mkdirSync(path.join(target, 'child'), { recursive: true });
    await assert.rejects(writeFileAtomic(target, 'x'));
    assert.deepEqual(readdirSync(dir), ['is-a-dir']);
  });
});
