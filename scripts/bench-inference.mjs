// `npm run bench` (second part): the inference benchmark's own cost. Runs the default sweep of
// `frugal bench` on two tiny MLPs built with onnx-proto (the test models) and reports how long the
// sweep takes, the share of the measured windows spent outside `session.run` (the timing loop's
// overhead, which the latency and energy figures include), and the time per setting outside the
// windows (child start, session creation, warm-up).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { mlp } = require(path.join(root, 'out', 'test', 'bench', 'models.js'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-bench-overhead-'));
try {
  const models = [
    ['64→256→10 MLP', mlp(dir, 'small.onnx', 64, 256, 10)],
    ['256→1024→10 MLP', mlp(dir, 'medium.onnx', 256, 1024, 10)],
  ];
  console.log(`frugal bench, default sweep (node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'})`);
  for (const [label, file] of models) {
    const json = path.join(dir, 'report.json');
    const t0 = performance.now();
    execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'bench', file, '--quiet', '--json', json], { stdio: ['ignore', 'ignore', 'inherit'] });
    const wallS = (performance.now() - t0) / 1000;
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const s = r.sweep;
    const perSettingMs = ((s.wallS - s.windowS) / s.settings) * 1000;
    console.log(
      `${label.padEnd(18)} ${s.settings} settings in ${wallS.toFixed(1)} s (command), ${s.windowS.toFixed(1)} s measured; ` +
        `outside session.run: ${s.overheadPct.toFixed(2)} % of the windows; outside the windows: ${perSettingMs.toFixed(0)} ms per setting; ` +
        `best ${r.best ? `batch ${r.best.batch}, ${r.best.threads} thread(s), ${r.best.optimization}: ${r.best.energyPer1kJ.toPrecision(3)} J/1k (${r.runs[r.best.index].method})` : 'none'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
