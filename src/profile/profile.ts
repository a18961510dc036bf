// profileScript(): runs a script for a bounded time and measures what it costs — CPU, GPU and RAM
// energy, each with the method that produced it — then builds the `frugal.profile/1` report.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nowMs } from './clock';
import { emissionsOf } from './carbon/emissions';
import { gramsCO2e, resolveIntensity } from './carbon/intensity';
import { bytesToGB, estimateDimmCount, ramPowerW } from './power/ram-model';
import { estimateTdp, machinePowerW } from './power/tdp';
import { ProgressTracker } from './progress/progress';
import { CLOCK_TICKS_PER_S, readCpuInfo, readMachineCpuTimes, readMemTotalBytes, readPidStat } from './procfs/procfs';
import { resolveCommand } from './runner/command';
import { LinuxProcessTree, PidusageProcessTree, logicalCpus, type ProcessTree, type TreeSnapshot } from './runner/process-tree';
import { startScript, stopTree, type ScriptExit } from './runner/run-script';
import { AmdSampler } from './samplers/amd';
import { AppleSampler } from './samplers/apple';
import { NvidiaSampler, parseMigModes } from './samplers/nvidia';
import { discoverRapl, RaplReader } from './samplers/rapl';
import type { PowerSeries } from './power/series';
import type { Baseline, Devices, Energy, Method, ProfileHooks, ProfileOptions, ProfileReport, Sample, StoppedBy } from './types';

export const COOKIE_VAR = 'FRUGAL_PROFILE_RUN';

interface MachineTimes {
  busyS: number;
  totalS: number;
}

function machineTimes(linux: boolean, procRoot: string): MachineTimes | undefined {
  if (linux) {
    const t = readMachineCpuTimes(procRoot);
    return t && { busyS: t.busy / CLOCK_TICKS_PER_S, totalS: t.total / CLOCK_TICKS_PER_S };
  }
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const { user, nice, sys, idle, irq } = c.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busyS: busy / 1000, totalS: total / 1000 };
}

function energy(cpuJ: number, gpuJ: number, ramJ: number): Energy {
  return { cpuJ, gpuJ, ramJ, totalJ: cpuJ + gpuJ + ramJ };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function pageSize(): number {
  if (process.platform !== 'linux') return 4096;
  const r = spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8', timeout: 2000 });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 4096;
}

/** Runs `options.script` and measures it. Rejects with ProfileUsageError for a bad path or interpreter. */
export async function profileScript(options: ProfileOptions, hooks: ProfileHooks = {}): Promise<ProfileReport> {
  const cpuAtStart = process.cpuUsage();
  const wallAtStart = nowMs();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const args = options.args ?? [];
  const durationS = options.durationS ?? 60;
  const intervalMs = Math.min(10_000, Math.max(50, Math.round(options.intervalMs ?? 200)));
  const graceMs = options.stopGraceMs ?? 2000;
  const procRoot = options.procRoot ?? '/proc';
  const sysRoot = options.sysRoot ?? '/sys';
  const notes: string[] = [];
  const note = (n: string) => {
    notes.push(n);
    hooks.onNote?.(n);
  };

  const intensity = resolveIntensity(options);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  const cmd = resolveCommand(options.script, args, { cwd, python: options.python, env });
  if (hooks.signal?.aborted) throw new Error('profile cancelled before it started');

  // --- What this machine offers ---------------------------------------------------------------
  const linux = process.platform === 'linux' && existsSync(path.join(procRoot, 'stat'));
  const cpuInfo = linux ? readCpuInfo(procRoot) : { model: undefined, sockets: 1, hypervisor: false };
  const model = cpuInfo.model ?? (os.cpus()[0]?.model?.trim() || undefined);
  const logical = logicalCpus();
  const memTotal = (linux ? readMemTotalBytes(procRoot) : undefined) ?? os.totalmem();
  const totalGB = bytesToGB(memTotal);
  const arm = process.arch.startsWith('arm');
  const ramModelW = ramPowerW(totalGB, arm);
  const rapl = linux ? discoverRapl(sysRoot) : ({ available: false, reason: `RAPL is read from Linux powercap; not available on ${process.platform}` } as const);
  const raplReader = rapl.available ? new RaplReader(rapl.domains) : undefined;
  if (!rapl.available) note(`RAPL: ${rapl.reason}${'fix' in rapl && rapl.fix ? `; ${rapl.fix}` : ''}.`);
  const apple = process.platform === 'darwin' ? new AppleSampler(intervalMs) : undefined;
  if (apple && !apple.start()) note(`Apple powermetrics: ${apple.problem}.`);
  const appleCpu = apple && !apple.problem;
  const tdp = raplReader || appleCpu ? undefined : estimateTdp(model, logical, cpuInfo.sockets);

  const nvidia = process.platform === 'darwin' ? undefined : new NvidiaSampler(intervalMs, env, undefined, procRoot);
  const amd = process.platform === 'linux' ? new AmdSampler(intervalMs) : undefined;
  const [, amdFound] = await Promise.all([nvidia?.start(), amd?.start()]);
  const nvidiaFound = !!nvidia && nvidia.gpus.size > 0;
  if (nvidiaFound) {
    const mig = spawnSync('nvidia-smi', ['--query-gpu=index,mig.mode.current', '--format=csv,noheader'], { env, encoding: 'utf8', timeout: 5000 });
    for (const [index, on] of parseMigModes(mig.stdout ?? '')) {
      const g = nvidia.gpus.get(index);
      if (g) g.mig = on;
    }
  }
  const gpuSeries: PowerSeries[] = [
    ...(nvidiaFound ? [...nvidia.gpus.values()].map((g) => g.series) : []),
    ...(amdFound ? [...amd!.gpus.values()].map((g) => g.series) : []),
    ...(apple && !apple.problem ? [apple.gpu] : []),
  ];

  // --- Optional idle baseline --------------------------------------------------------------------
  let baselineW: { cpuW: number; gpuW: number; ramW: number } | undefined;
  if (options.baselineS && options.baselineS > 0) {
    const t0 = nowMs();
    const m0 = machineTimes(linux, procRoot);
    raplReader?.delta();
    await sleep(options.baselineS * 1000);
    const t1 = nowMs();
    const m1 = machineTimes(linux, procRoot);
    const s = (t1 - t0) / 1000;
    const d = raplReader?.delta();
    const load = m0 && m1 && m1.totalS > m0.totalS ? (m1.busyS - m0.busyS) / (m1.totalS - m0.totalS) : 0;
    baselineW = {
      cpuW: d ? d.packageJ / s : appleCpu ? apple!.cpu.meanW(t0, t1) : machinePowerW(tdp!.tdpW, load),
      gpuW: gpuSeries.reduce((sum, g) => sum + g.meanW(t0, t1), 0),
      ramW: d && raplReader!.hasDram() ? d.dramJ / s : ramModelW,
    };
  }

  // --- Run ----------------------------------------------------------------------------------------
  const cookieId = randomUUID();
  env[COOKIE_VAR] = cookieId;
  if (cmd.runtime === 'python' && env.PYTHONUNBUFFERED === undefined) env.PYTHONUNBUFFERED = '1';
  const linuxTree = linux ? new LinuxProcessTree(`${COOKIE_VAR}=${cookieId}`, procRoot, pageSize()) : undefined;
  linuxTree?.seedForeign();
  const progress = new ProgressTracker();
  let liveTotalJ = 0;
  const selfChild0 = linux ? readPidStat(procRoot, 'self')?.childTicks : undefined;
  let prevMachine = machineTimes(linux, procRoot);
  raplReader?.delta();
  const startMs = nowMs();
  const cpuAtSpawn = process.cpuUsage();
  const running = await startScript(cmd, {
    cwd,
    env,
    stderrTailBytes: options.stderrTailBytes ?? 4096,
    onOutput: hooks.onOutput,
    onLine: (line) => progress.feed(line, liveTotalJ),
  }).catch(async (e: unknown) => {
    await Promise.all([nvidia?.stop(), amd?.stop(), apple?.stop()]);
    throw e;
  });
  const tree: ProcessTree = linuxTree ? linuxTree.setRoot(running.pid) : new PidusageProcessTree(running.pid);
  hooks.onStart?.({ pid: running.pid, command: [cmd.file, ...cmd.argv] });
  nvidia?.startApps((pid) => tree.everSeen().has(pid));

  // From here on the script runs: whatever goes wrong, its tree and the helpers must not outlive us.
  try {

    // --- Sampling loop ------------------------------------------------------------------------------
    const samples: Sample[] = [];
    const maxSamples = options.maxSamples ?? 4000;
    let prevT = startMs;
    let prevTree: TreeSnapshot = { cpuS: 0, rssBytes: 0, pids: [], running: [], outsideGroup: [] };
    let machineCpuJ = 0;
    let scriptCpuJ = 0;
    let machineRamJ = 0;
    let scriptRamJ = 0;
    let machineBusyS = 0;
    let machineTotalS = 0;
    let peakRss = 0;
    let appleCpuPrevJ = 0;
    const gpuAtStart = gpuSeries.reduce((s, g) => s + g.runningEnergyJ(), 0);
    let exitCorrectionS = 0;
    // The root's CPU ticks at the last two samples, to bound the tail it used after the last one.
    let rootTrail: [number, number][] = [[startMs, 0], [startMs, 0]];

    const account = (t: number, snap: TreeSnapshot, final: boolean): Sample => {
      const dt = (t - prevT) / 1000;
      const m = machineTimes(linux, procRoot);
      const dBusy = m && prevMachine ? Math.max(0, m.busyS - prevMachine.busyS) : 0;
      const dTotal = m && prevMachine ? Math.max(0, m.totalS - prevMachine.totalS) : 0;
      if (m) prevMachine = m;
      machineBusyS += dBusy;
      machineTotalS += dTotal;
      const dTree = Math.max(0, snap.cpuS - prevTree.cpuS);
      // The tree's share of the machine's busy time (Kepler, Scaphandre); ticks are coarse, so cap at 1.
      const share = dBusy > 0 ? Math.min(1, dTree / dBusy) : 0;
      // RSS over the interval: the mean of both ends, or the last one seen once the tree is gone.
      const rss = final && snap.pids.length === 0 ? prevTree.rssBytes : prevTree.pids.length ? (prevTree.rssBytes + snap.rssBytes) / 2 : snap.rssBytes;
      const ramShare = memTotal > 0 ? rss / memTotal : 0;
      peakRss = Math.max(peakRss, snap.rssBytes);
      let cpuJ = 0;
      let ramJ: number;
      const d = raplReader?.delta();
      if (d) {
        machineCpuJ += d.packageJ;
        cpuJ = d.packageJ * share;
      } else if (appleCpu) {
        const now = apple!.cpu.energyJ(startMs, t);
        const delta = Math.max(0, now - appleCpuPrevJ);
        appleCpuPrevJ = now;
        machineCpuJ += delta;
        cpuJ = delta * share;
      } else if (tdp) {
        machineCpuJ += machinePowerW(tdp.tdpW, dTotal > 0 ? dBusy / dTotal : 0) * dt;
        cpuJ = (tdp.tdpW * dTree) / logical;
      }
      if (d && raplReader!.hasDram()) {
        machineRamJ += d.dramJ;
        ramJ = d.dramJ * ramShare;
      } else {
        machineRamJ += ramModelW * dt;
        ramJ = ramModelW * ramShare * dt;
      }
      scriptCpuJ += cpuJ;
      scriptRamJ += ramJ;
      prevT = t;
      prevTree = snap;
      const gpus = [...(nvidia?.latest() ?? []), ...(amd?.latest() ?? [])];
      const gpuW = gpus.reduce((sum, g) => sum + g.powerW, 0) + (apple && !apple.problem ? (apple.gpu.latestW() ?? 0) : 0);
      return {
        t: (t - startMs) / 1000,
        cpuW: dt > 0 ? cpuJ / dt : 0,
        gpuW,
        ramW: dt > 0 ? ramJ / dt : 0,
        cpuPct: dt > 0 ? (dTree / dt) * 100 : 0,
        rssMB: snap.rssBytes / 1e6,
        processes: snap.pids.length,
        ...(gpus.length ? { gpus } : {}),
      };
    };

    let failureNoted = false;
    const pushSample = (s: Sample) => {
      samples.push(s);
      if (samples.length > maxSamples) {
        const last = samples.pop()!;
        const kept = samples.filter((_, i) => i % 2 === 0);
        samples.length = 0;
        samples.push(...kept, last);
      }
      const gpuLiveJ = gpuSeries.reduce((sum, g) => sum + g.runningEnergyJ(), 0) - gpuAtStart;
      const live = energy(scriptCpuJ, Math.max(0, gpuLiveJ), scriptRamJ);
      liveTotalJ = live.totalJ;
      try {
        hooks.onSample?.({ ...s, energy: live, progress: progress.current });
      } catch (e) {
        // A failing display must not stop the measurement (nor leave the script running).
        if (!failureNoted) note(`onSample failed: ${(e as Error).message}`);
        failureNoted = true;
      }
    };

    let exited: ScriptExit | undefined = undefined;
    let ticking = false;
    const tick = async () => {
      if (ticking || exited) return;
      ticking = true;
      try {
        const snap = await tree.refresh();
        if (exited) return;
        const t = nowMs();
        pushSample(account(t, snap, false));
        if (linuxTree) rootTrail = [rootTrail[1], [t, linuxTree.rootLastTicks]];
      } catch (e) {
        // A sample that cannot be taken is skipped (the next interval covers the time); say so once.
        if (!failureNoted) note(`a sample failed: ${(e as Error).message}`);
        failureNoted = true;
      } finally {
        ticking = false;
      }
    };
    // unref: the script's own handles keep the process alive; an error must not leave timers behind.
    const timer = setInterval(() => void tick(), intervalMs).unref();

    // --- Stop conditions ------------------------------------------------------------------------------
    let stoppedBy: StoppedBy = 'exit';
    let stopping: Promise<number> | undefined;
    const stop = (why: StoppedBy) => {
      if (stopping || exited) return;
      stoppedBy = why;
      hooks.onStop?.(why);
      stopping = stopTree(running.pid, () => tree.refresh(), graceMs, () => !exited);
    };
    const limit = durationS > 0 && Number.isFinite(durationS) ? setTimeout(() => stop('duration'), durationS * 1000).unref() : undefined;
    const onAbort = () => stop(['SIGINT', 'SIGTERM', 'SIGHUP'].includes(String(hooks.signal?.reason)) ? 'signal' : 'cancel');
    hooks.signal?.addEventListener('abort', onAbort, { once: true });

    exited = await running.exited;
    const runCpu = process.cpuUsage(cpuAtSpawn);
    clearInterval(timer);
    clearTimeout(limit);
    hooks.signal?.removeEventListener('abort', onAbort);
    while (ticking) await sleep(5);

    // Final interval, up to the root's exit. Our own cutime now holds the root's whole CPU time,
    // including what it used after the last sample: use it when it is plausibly just that tail —
    // at most the root's last rate over the time since, as other children of ours (an editor's
    // git, say) also land in our cutime.
    const endMs = exited.atMs;
    const finalSnap = await tree.refresh();
    if (linuxTree && selfChild0 !== undefined && !nvidia?.helperExited && !amdFound) {
      const self = readPidStat(procRoot, 'self');
      const extraTicks = self ? self.childTicks - selfChild0 - linuxTree.rootLastTicks : 0;
      const [[t0, k0], [t1, k1]] = rootTrail;
      const rate = t1 > t0 ? (k1 - k0) / (t1 - t0) : (CLOCK_TICKS_PER_S * logical) / 1000;
      const bound = Math.min(rate * 1.5, (CLOCK_TICKS_PER_S * logical) / 1000) * (endMs - t1) + 3;
      if (extraTicks > 0 && extraTicks <= bound) exitCorrectionS = extraTicks / CLOCK_TICKS_PER_S;
    }
    pushSample(account(endMs, { ...finalSnap, cpuS: finalSnap.cpuS + exitCorrectionS }, true));

    // Whatever of the tree still runs once its first process has ended (daemons, orphans, workers
    // that ignore signals) is stopped now. Workers that exit on their own a moment later are not counted.
    let leftover = finalSnap.running;
    for (let waited = 0; leftover.length && waited < 300; waited += 50) {
      await sleep(50);
      leftover = (await tree.refresh()).running;
    }
    const leftoverProcesses = leftover.length;
    if (stopping) await stopping;
    if ((await tree.refresh()).running.length) await stopTree(running.pid, () => tree.refresh(), graceMs, () => false);
    if (leftoverProcesses) note(`${leftoverProcesses} process(es) of the script's tree were still running after it ended; they were stopped.`);
    // A process that escaped the tree could hold the output pipes open: do not wait for it forever.
    await Promise.race([running.drained, sleep(2000)]);
    running.child.stdout?.destroy();
    running.child.stderr?.destroy();

    await nvidia?.waitPast(endMs);
    await Promise.all([nvidia?.stop(), amd?.stop(), apple?.stop()]);
    if (nvidia?.problem && nvidiaFound) note(nvidia.problem + '.');

    // --- Energies and methods -----------------------------------------------------------------------
    const wallS = (endMs - startMs) / 1000;
    const treeCpuS = prevTree.cpuS;
    let gpu: { machineJ: number; scriptJ: number; method: Method } = {
      machineJ: 0,
      scriptJ: 0,
      method: { id: 'none', scope: 'none', estimated: false, label: `no GPU measured: ${[nvidia?.problem, process.platform === 'linux' ? 'no AMD GPU (amd-smi/rocm-smi not found or reported none)' : undefined].filter(Boolean).join('; ') || 'none found'}` },
    };
    const devicesGpus: Devices['gpus'] = [];
    if (nvidiaFound) {
      const a = nvidia.attribution(startMs, endMs, env.CUDA_VISIBLE_DEVICES);
      gpu = { machineJ: a.wholeJ, scriptJ: a.scriptJ, method: { id: 'nvidia-smi', scope: a.scope, estimated: false, label: a.label } };
      for (const g of nvidia.gpus.values()) devicesGpus.push({ index: g.index, name: g.name, uuid: g.uuid, vendor: 'nvidia', ...(g.mig ? { mig: true } : {}) });
    } else if (amdFound) {
      const j = [...amd!.gpus.values()].reduce((s, g) => s + g.series.energyJ(startMs, endMs), 0);
      gpu = { machineJ: j, scriptJ: j, method: { id: amd!.tool!, scope: 'whole-device', estimated: false, label: `${amd!.tool} socket power polled every ${Math.max(intervalMs, 1000)} ms, trapezoid-integrated; whole GPU(s) while the script ran (no per-process power)` } };
      for (const [index, g] of amd!.gpus) devicesGpus.push({ index, name: g.name, vendor: 'amd' });
    } else if (apple && !apple.problem && apple.gpu.points.length) {
      const j = apple.gpu.energyJ(startMs, endMs);
      gpu = { machineJ: j, scriptJ: j, method: { id: 'powermetrics', scope: 'whole-device', estimated: false, label: 'powermetrics GPU power, trapezoid-integrated; whole GPU while the script ran' } };
      devicesGpus.push({ index: 0, name: 'Apple GPU', vendor: 'apple' });
    }

    let cpuMethod: Method;
    let cpuJ = scriptCpuJ;
    if (raplReader) {
      const names = raplReader.domains.filter((d) => d.kind !== 'dram').map((d) => d.name).join(', ');
      cpuMethod = { id: 'rapl', scope: 'process-tree', estimated: false, label: `RAPL energy counters (${names}), measured for the whole package and attributed to the script by its share of the machine's busy CPU time (the Kepler/Scaphandre method)` };
    } else if (appleCpu) {
      cpuMethod = { id: 'powermetrics', scope: 'process-tree', estimated: false, label: "powermetrics CPU power, attributed to the script by its share of the machine's busy CPU time" };
    } else {
      // The whole-run figure is exact CodeCarbon process mode: TDP × CPU-seconds / logical CPUs.
      cpuJ = (tdp!.tdpW * treeCpuS) / logical;
      const why = rapl.available ? '' : ` — no measurement: ${rapl.reason}`;
      cpuMethod = { id: 'tdp-estimate', scope: 'process-tree', estimated: true, label: `estimated from TDP: ${tdp!.source}; script's share = TDP × ${treeCpuS.toFixed(2)} CPU-s / ${wallS.toFixed(2)} s / ${logical} logical CPUs (CodeCarbon's process mode)${why}` };
    }
    const dimms = estimateDimmCount(totalGB);
    const ramMethod: Method = raplReader?.hasDram()
      ? { id: 'rapl-dram', scope: 'process-tree', estimated: false, label: "RAPL DRAM energy counter, attributed to the script by its share of resident memory" }
      : { id: 'ram-model', scope: 'process-tree', estimated: true, label: `estimated: CodeCarbon v3 RAM model, ${dimms} DIMM(s) for ${totalGB.toFixed(1)} GB → ${ramModelW.toFixed(1)} W for the machine; the script's share by its resident memory (peak ${(peakRss / 1e6).toFixed(0)} MB)` };

    const scriptEnergy = energy(cpuJ, gpu.scriptJ, scriptRamJ);
    const machine = energy(machineCpuJ, gpu.machineJ, machineRamJ);
    const gCO2e = gramsCO2e(scriptEnergy.totalJ, intensity);
    let baseline: Baseline | undefined;
    if (baselineW) {
      const over = (j: number, w: number) => Math.max(0, j - w * wallS);
      baseline = {
        durationS: options.baselineS!,
        ...baselineW,
        dynamic: energy(over(machine.cpuJ, baselineW.cpuW), over(machine.gpuJ, baselineW.gpuW), over(machine.ramJ, baselineW.ramW)),
      };
    }
    const state = progress.current;
    const projection = stoppedBy !== 'exit' ? progress.project(scriptEnergy.totalJ, gCO2e / Math.max(1e-12, scriptEnergy.totalJ)) : undefined;

    // The profiler's cost while the script runs (sampling, output relay, helpers), apart from the
    // one-time start-up (finding devices, loading tables) and wrap-up.
    const total = process.cpuUsage(cpuAtStart);
    const runCpuS = (runCpu.user + runCpu.system) / 1e6;
    const helperCpuS = nvidia?.helperCpuS ?? 0;
    const setupCpuS = (total.user + total.system) / 1e6 - (runCpu.user + runCpu.system) / 1e6;

    return {
      schema: 'frugal.profile/1',
      script: options.script,
      args,
      command: [cmd.file, ...cmd.argv],
      runtime: cmd.runtime,
      startedAt: new Date(startMs).toISOString(),
      durationS: wallS,
      exitCode: exited.code,
      ...(exited.signal ? { signal: exited.signal } : {}),
      stoppedBy,
      stderrTail: running.stderrTail(),
      energy: scriptEnergy,
      machine,
      methods: { cpu: cpuMethod, gpu: gpu.method, ram: ramMethod },
      emissions: emissionsOf(scriptEnergy.totalJ, intensity),
      devices: {
        cpu: {
          model: model ?? 'unknown',
          logicalCpus: logical,
          sockets: cpuInfo.sockets,
          ...(tdp ? { tdpW: tdp.tdpW, tdpSource: tdp.source } : {}),
          ...(raplReader ? { rapl: { domains: raplReader.domains.map((d) => `${d.zone} ${d.name}`) } } : {}),
        },
        gpus: devicesGpus,
        ram: { totalGB, modelW: ramModelW, dimms },
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        platform: process.platform,
        hypervisor: cpuInfo.hypervisor,
      },
      ...(baseline ? { baseline } : {}),
      ...(state ? { progress: { ...state, ...(projection ? { projection } : {}) } } : {}),
      leftoverProcesses,
      profiler: {
        cpuS: runCpuS,
        pctOfOneCore: wallS > 0 ? (runCpuS / wallS) * 100 : 0,
        helperCpuS,
        helperPctOfOneCore: wallS > 0 ? (helperCpuS / wallS) * 100 : 0,
        setupCpuS,
        setupS: (startMs - wallAtStart) / 1000,
        intervalMs,
        samples: samples.length,
      },
      notes,
      utilization: {
        machineCpuPct: machineTotalS > 0 ? (machineBusyS / machineTotalS) * 100 : 0,
        ...(nvidia?.meanUtilization() !== undefined ? { gpuPct: nvidia.meanUtilization() } : {}),
      },
      samples,
    };
  } catch (e) {
    await stopTree(running.pid, () => tree.refresh(), 200, () => running.child.exitCode === null && running.child.signalCode === null).catch(() => undefined);
    await Promise.all([nvidia?.stop(), amd?.stop(), apple?.stop()]).catch(() => undefined);
    throw e;
  }
}
