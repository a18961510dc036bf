// RAPL energy counters from the Linux powercap tree (Intel, and AMD since kernel 5.8): package
// domains summed over sockets and dies, DRAM as its own component, wrap-around handled with
// `max_energy_range_uj`. When the counters exist but cannot be read, say why and how to fix it.
import { readdirSync, readFileSync, realpathSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface RaplDomain {
  /** Zone directory, e.g. /sys/class/powercap/intel-rapl:0 */
  dir: string;
  zone: string;
  /** `package-0`, `dram`, … */
  name: string;
  kind: 'package' | 'dram' | 'psys';
  maxRangeUj: number;
}

export type RaplStatus =
  | { available: true; domains: RaplDomain[] }
  | { available: false; reason: string; fix?: string };

export type ReadText = (file: string) => string;

const readText: ReadText = (file) => readFileSync(file, 'latin1');

const ZONE = /^intel-rapl(-mmio)?:[0-9a-f]+(:[0-9a-f]+)?$/;

/** Zone ids are hexadecimal (`intel-rapl:a` follows `:9`). */
function zoneOrder(zone: string): number[] {
  return zone.split(':').slice(1).map((h) => parseInt(h, 16));
}

function zoneDirs(sysRoot: string): string[] {
  const bases = [path.join(sysRoot, 'class', 'powercap'), path.join(sysRoot, 'devices', 'virtual', 'powercap')];
  const found = new Map<string, string>();
  const visit = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (ZONE.test(name)) {
        let real = full;
        try {
          real = realpathSync(full);
        } catch {
          // keep the link path
        }
        if (!found.has(real)) found.set(real, full);
        if (depth < 2) visit(full, depth + 1);
      } else if ((name === 'intel-rapl' || name === 'intel-rapl-mmio') && depth === 0) visit(full, depth + 1);
    }
  };
  for (const base of bases) visit(base, 0);
  return [...found.values()];
}

/**
 * Finds the package, DRAM and psys domains. `core`/`uncore` are inside the package and are never
 * added to it; `psys` (the platform) includes the package, so it is used only without packages.
 * The MMIO tree duplicates MSR domains on recent Intel parts: one reading per name is kept.
 */
export function discoverRapl(sysRoot = '/sys', read: ReadText = readText): RaplStatus {
  const dirs = zoneDirs(sysRoot);
  if (!dirs.length) {
    const hasPowercap = existsSync(path.join(sysRoot, 'class', 'powercap'));
    return {
      available: false,
      reason: hasPowercap
        ? 'no RAPL domains under /sys/class/powercap (this CPU or kernel exposes none)'
        : '/sys/class/powercap does not exist (virtual machines and containers rarely expose RAPL)',
    };
  }
  const byName = new Map<string, RaplDomain>();
  let denied: string | undefined;
  let readable = 0;
  const sorted = dirs.sort((a, b) => {
    const mmio = Number(path.basename(a).startsWith('intel-rapl-mmio')) - Number(path.basename(b).startsWith('intel-rapl-mmio'));
    if (mmio) return mmio;
    const [x, y] = [zoneOrder(path.basename(a)), zoneOrder(path.basename(b))];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
    return 0;
  });
  for (const dir of sorted) {
    let name: string;
    try {
      name = read(path.join(dir, 'name')).trim();
    } catch {
      continue;
    }
    const kind = name.startsWith('package') ? 'package' : name === 'dram' ? 'dram' : name === 'psys' ? 'psys' : undefined;
    if (!kind) continue;
    const zone = path.basename(dir);
    // DRAM can sit under each package (intel-rapl:0:2) or at the top; name it by its zone so two sockets' DRAM stay apart.
    const key = kind === 'dram' ? `dram@${zone.replace(/^intel-rapl(-mmio)?:/, '').split(':')[0]}` : name;
    if (byName.has(key)) continue;
    try {
      read(path.join(dir, 'energy_uj'));
      readable++;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') denied ??= path.join(dir, 'energy_uj');
      continue;
    }
    let maxRangeUj = Number.NaN;
    try {
      maxRangeUj = Number(read(path.join(dir, 'max_energy_range_uj')).trim());
    } catch {
      // without it a wrap cannot be corrected; such a delta is dropped below
    }
    byName.set(key, { dir, zone, name, kind, maxRangeUj });
  }
  let domains = [...byName.values()];
  if (domains.some((d) => d.kind === 'package')) domains = domains.filter((d) => d.kind !== 'psys');
  if (!domains.some((d) => d.kind !== 'dram')) {
    if (denied && !readable) {
      return {
        available: false,
        reason: `RAPL counters exist but ${denied} is readable only by root (since the 2020 PLATYPUS fix, CVE-2020-8694)`,
        fix:
          'to measure the CPU instead of estimating it, make the counters readable: `sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj /sys/class/powercap/intel-rapl:*:*/energy_uj` (until reboot), or a udev rule such as ' +
          '`ACTION=="add", SUBSYSTEM=="powercap", KERNEL=="intel-rapl:*", RUN+="/bin/chmod a+r /sys%p/energy_uj"` in /etc/udev/rules.d/70-rapl.rules',
      };
    }
    return { available: false, reason: 'RAPL is present but has no readable package or psys domain' };
  }
  return { available: true, domains };
}

export interface RaplDelta {
  packageJ: number;
  dramJ: number;
}

/** Reads the counters and returns the energy since the previous read, correcting wrap-arounds. */
export class RaplReader {
  private last = new Map<string, number>();

  constructor(
    readonly domains: readonly RaplDomain[],
    private readonly read: ReadText = readText,
  ) {}

  /** First call primes the counters and returns zeros. */
  delta(): RaplDelta {
    const out: RaplDelta = { packageJ: 0, dramJ: 0 };
    for (const d of this.domains) {
      let value: number;
      try {
        value = Number(this.read(path.join(d.dir, 'energy_uj')).trim());
      } catch {
        continue;
      }
      if (!Number.isFinite(value)) continue;
      const prev = this.last.get(d.dir);
      this.last.set(d.dir, value);
      if (prev === undefined) continue;
      let uj = value - prev;
      if (uj < 0) {
        // The counter wrapped once since the last read (reads are far more frequent than wraps).
        if (!Number.isFinite(d.maxRangeUj)) continue;
        uj += d.maxRangeUj;
      }
      if (d.kind === 'dram') out.dramJ += uj / 1e6;
      else out.packageJ += uj / 1e6;
    }
    return out;
  }

  hasDram(): boolean {
    return this.domains.some((d) => d.kind === 'dram');
  }
}
