// Power over time with uPlot (bundled, no CDN): one line per component — CPU, each GPU, RAM —
// coloured from the theme's chart colours and redrawn when the theme changes.
import uPlot from 'uplot';
import type { PowerPoint } from '../../src/extension/profile/model';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export class PowerChart {
  private plot?: uPlot;
  private gpuCount = -1;
  private readonly resize: ResizeObserver;
  private points: PowerPoint[] = [];

  constructor(
    readonly el: HTMLElement,
    private readonly gpuNames: string[] = [],
    private readonly height = 150,
  ) {
    this.resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height }));
    this.resize.observe(el);
  }

  private width(): number {
    return Math.max(160, this.el.clientWidth);
  }

  private build(gpus: number): void {
    this.plot?.destroy();
    this.gpuCount = gpus;
    const fg = cssVar('--vscode-descriptionForeground', '#888');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const colors = {
      cpu: cssVar('--vscode-charts-blue', '#3794ff'),
      gpu: [cssVar('--vscode-charts-green', '#89d185'), cssVar('--vscode-charts-purple', '#b180d7'), cssVar('--vscode-charts-yellow', '#cca700'), cssVar('--vscode-charts-red', '#f14c4c')],
      ram: cssVar('--vscode-charts-orange', '#d18616'),
    };
    const w = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : `${v.toFixed(v >= 10 ? 0 : 1)} W`);
    const series: uPlot.Series[] = [
      { label: 'time', value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)} s`) },
      { label: 'CPU', stroke: colors.cpu, width: 2, value: w },
      ...Array.from({ length: gpus }, (_, i) => ({ label: gpus === 1 ? this.gpuNames[0] ? `GPU (${this.gpuNames[0]})` : 'GPU' : `GPU ${i}`, stroke: colors.gpu[i % colors.gpu.length], width: 2, value: w })),
      { label: 'RAM', stroke: colors.ram, width: 2, value: w },
    ];
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: `11px ${cssVar('--vscode-font-family', 'sans-serif')}` };
    this.plot = new uPlot(
      {
        width: this.width(),
        height: this.height,
        series,
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map((t) => `${t} s`) },
          { ...axis, size: 46, values: (_u, ticks) => ticks.map((t) => `${t} W`) },
        ],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      this.data(),
      this.el,
    );
  }

  private data(): uPlot.AlignedData {
    const p = this.points;
    const gpus = Math.max(0, this.gpuCount);
    return [
      p.map((x) => x.t),
      p.map((x) => x.cpuW),
      ...Array.from({ length: gpus }, (_, i) => p.map((x) => (gpus === 1 && !x.gpus ? x.gpuW : x.gpus?.[i] ?? null))),
      p.map((x) => x.ramW),
    ] as uPlot.AlignedData;
  }

  /** Replaces the series; rebuilds only when the number of GPUs changed. */
  set(points: PowerPoint[]): void {
    this.points = points;
    const gpus = Math.max(this.gpuNames.length, ...points.map((p) => p.gpus?.length ?? (p.gpuW > 0 ? 1 : 0)), 0);
    if (!this.plot || gpus !== this.gpuCount) this.build(gpus);
    else this.plot.setData(this.data());
  }

  /** Redraws with the current theme's colours. */
  retheme(): void {
    if (this.plot) this.build(this.gpuCount);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }
}
