// The energy profiler's public API (no `vscode` here): run a script, measure it, report.
//
//   const report = await profileScript({ script: 'train.py', durationS: 30 }, {
//     onSample: (s) => panel.update(s),          // every interval: powers, energy so far, progress
//     onOutput: (stream, chunk) => out.append(chunk),
//     signal: controller.signal,                 // abort() stops the script's whole tree
//   });
export { profileScript, COOKIE_VAR } from './profile';
export { ProfileUsageError } from './runner/command';
export { formatLive, formatSummary, formatJoules, formatGrams } from './report/summary';
export { appendEmissionsCsv, emissionsCsvHeader, emissionsCsvLine, EMISSIONS_CSV_COLUMNS, type CsvContext } from './csv/emissions-csv';
export { gramsCO2e, resolveIntensity, WORLD_AVERAGE, type Intensity, type IntensityOptions } from './carbon/intensity';
export { equivalents } from './carbon/equivalents';
export { emissionsOf } from './carbon/emissions';
export type * from './types';
