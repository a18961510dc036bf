// Energy and mass for people, shared by the terminal summary and the panel (no imports, so the
// webview bundle can use it too).

export function formatJoules(j: number): string {
  if (j >= 3.6e6) return `${(j / 3.6e6).toFixed(3)} kWh`;
  if (j >= 3600) return `${(j / 3600).toFixed(2)} Wh`;
  if (j >= 100) return `${j.toFixed(0)} J`;
  if (j >= 1) return `${j.toFixed(1)} J`;
  return `${j.toFixed(3)} J`;
}

export function formatGrams(g: number): string {
  if (g >= 1000) return `${(g / 1000).toFixed(2)} kg`;
  if (g >= 1) return `${g.toFixed(2)} g`;
  if (g >= 0.001) return `${(g * 1000).toFixed(2)} mg`;
  if (g === 0) return '0 g';
  return `${(g * 1e6).toFixed(2)} µg`;
}
