// A team's cumulative CO2e over time, one line per project (uPlot, bundled), coloured from the
// theme's chart colours.
import uPlot from 'uplot';
import type { TeamView } from '../../src/extension/profile/model';
import { formatGrams } from '../../src/extension/profile/viewState';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export class TeamChart {
  private plot?: uPlot;
  private readonly resize: ResizeObserver;

  constructor(
    readonly el: HTMLElement,
    private readonly team: TeamView,
    private readonly height = 170,
  ) {
    this.resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height }));
    this.resize.observe(el);
    this.build();
  }

  private width(): number {
    return Math.max(160, this.el.clientWidth);
  }

  build(): void {
    this.plot?.destroy();
    const fg = cssVar('--vscode-descriptionForeground', '#888');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
    const palette = ['blue', 'green', 'orange', 'purple', 'red', 'yellow', 'foreground'].map((c, i) => cssVar(`--vscode-charts-${c}`, ['#3794ff', '#89d185', '#d18616', '#b180d7', '#f14c4c', '#cca700', '#cccccc'][i]));
    const g = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatGrams(v * 1000));
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: `11px ${cssVar('--vscode-font-family', 'sans-serif')}` };
    const x = this.team.days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    this.plot = new uPlot(
      {
        width: this.width(),
        height: this.height,
        series: [{ label: 'day' }, ...this.team.series.map((s, i) => ({ label: s.project, stroke: palette[i % palette.length], width: 2, value: g, points: { show: x.length < 40 } }))],
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1e-6, max * 1.1)] } },
        axes: [axis, { ...axis, size: 56, values: (_u, ticks) => ticks.map((t) => formatGrams(t * 1000)) }],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      [x, ...this.team.series.map((s) => s.cumulativeKg)] as uPlot.AlignedData,
      this.el,
    );
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }
}
