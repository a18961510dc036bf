// Recognises the progress a script prints (tqdm bars and HF Trainer, which uses tqdm; Keras
// `Epoch 3/50` and its step bars; Lightning `Epoch 3:` bars; a plain `12/100` counter) and
// projects the energy of the full run from the energy spent per unit of progress.
import type { ProgressState, Projection } from '../types';

// tqdm: "45%|████▌     | 45/100 [00:01<00:01, 30.2it/s]" (also with a description before it).
const TQDM = /(\d{1,3})%\|[^|]*\|\s*(\d+(?:\.\d+)?)([kMG]?)\/(\d+(?:\.\d+)?)([kMG]?)/;
// Keras epoch header.
const KERAS_EPOCH = /^\s*Epoch (\d+)\/(\d+)\s*$/;
// Keras step bar: "12/100 ━━━━━━━━━━ 1s 10ms/step - loss: 0.5" or "12/100 [=====>....]".
const KERAS_STEP = /^\s*(\d+)\/(\d+)\s+(?:[━─=>.\s[\]]+)/;
// Lightning bar description: "Epoch 3:  45%|...| 45/100 [...]" — epochs count from 0, total unknown.
const LIGHTNING = /^Epoch (\d+):\s/;
// Rich progress (Lightning RichProgressBar) "Epoch 3/9 ━━━━ 45/100".
const RICH = /Epoch (\d+)\/(\d+)\s+[━─╸╺\s]+\s*(\d+)\/(\d+)/;
// A plain counter: "step 12/100", "[12/100]", "batch 12 / 100".
const COUNTER = /(?:^|[\s[(])(\d+)\s?\/\s?(\d+)(?:$|[\s\]),:])/;

const SCALE: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9 };

export class ProgressTracker {
  private epoch?: { n: number; of: number };
  private state?: ProgressState;
  private first?: { fraction: number; energyJ: number };
  private latestEnergyAtProgress?: { fraction: number; energyJ: number };

  get current(): ProgressState | undefined {
    return this.state;
  }

  /** Feeds one line of output; `energyJ` is the script's energy so far, for the projection. */
  feed(rawLine: string, energyJ: number): void {
    const line = rawLine.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trim(); // eslint-disable-line no-control-regex
    if (!line) return;
    const next = this.recognise(line);
    if (!next || !(next.total > 0) || next.done > next.total) return;
    // A bare counter is weaker evidence than a recognised bar: it never replaces one.
    if (this.state && next.kind === 'counter' && this.state.kind !== 'counter') return;
    this.state = next;
    this.first ??= { fraction: next.fraction, energyJ };
    this.latestEnergyAtProgress = { fraction: next.fraction, energyJ };
  }

  private recognise(line: string): ProgressState | undefined {
    let m = KERAS_EPOCH.exec(line);
    if (m) {
      this.epoch = { n: Number(m[1]), of: Number(m[2]) };
      return this.fromEpoch(Number(m[1]) - 1, 0, 1, 'keras', line);
    }
    m = RICH.exec(line);
    if (m) return this.fromEpoch(Number(m[1]), Number(m[3]), Number(m[4]), 'lightning', line, Number(m[2]) + 1);
    m = TQDM.exec(line);
    if (m) {
      const done = Number(m[2]) * SCALE[m[3]];
      const total = Number(m[4]) * SCALE[m[5]];
      const lightning = LIGHTNING.exec(line);
      if (lightning) {
        // Lightning shows the epoch (from 0) without the number of epochs: only the epoch's own progress is known.
        return { done, total, fraction: done / total, kind: 'lightning', line: clip(line) };
      }
      if (this.epoch) return this.fromEpoch(this.epoch.n - 1, done, total, 'keras', line);
      return { done, total, fraction: done / total, kind: 'tqdm', line: clip(line) };
    }
    m = KERAS_STEP.exec(line);
    if (m && this.epoch) return this.fromEpoch(this.epoch.n - 1, Number(m[1]), Number(m[2]), 'keras', line);
    m = COUNTER.exec(line);
    if (m) {
      const done = Number(m[1]);
      const total = Number(m[2]);
      // Dates (12/05), ratios and fractions are not progress: ask for a plausible counter.
      if (total < 2 || done > total) return undefined;
      return { done, total, fraction: done / total, kind: 'counter', line: clip(line) };
    }
    return undefined;
  }

  private fromEpoch(epochsDone: number, step: number, steps: number, kind: string, line: string, epochs = this.epoch?.of ?? 1): ProgressState {
    const fraction = Math.min(1, (epochsDone + (steps > 0 ? step / steps : 0)) / epochs);
    return { done: epochsDone + (steps > 0 ? step / steps : 0), total: epochs, fraction, kind, line: clip(line) };
  }

  /**
   * The full run's energy if the rest costs what the progress seen so far cost: the energy spent
   * between the first and the latest progress report, per unit of progress, applied to what is
   * left (start-up such as imports is not multiplied). With a single report, energy ÷ fraction.
   */
  project(energyNowJ: number, gPerJ: number): Projection | undefined {
    const s = this.state;
    const first = this.first;
    const last = this.latestEnergyAtProgress;
    if (!s || !first || !last || s.fraction <= 0 || s.fraction >= 1) return undefined;
    let energyJ: number;
    let basis: string;
    if (last.fraction - first.fraction >= 0.01) {
      const perUnit = (last.energyJ - first.energyJ) / (last.fraction - first.fraction);
      energyJ = energyNowJ + perUnit * (1 - s.fraction);
      basis = `energy per unit of progress between ${(first.fraction * 100).toFixed(1)} % and ${(last.fraction * 100).toFixed(1)} %, applied to the remaining ${((1 - s.fraction) * 100).toFixed(1)} %`;
    } else {
      energyJ = energyNowJ / s.fraction;
      basis = `energy so far ÷ ${(s.fraction * 100).toFixed(1)} % done`;
    }
    return { fraction: s.fraction, energyJ, gCO2e: energyJ * gPerJ, basis };
  }
}

function clip(line: string): string {
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
}
