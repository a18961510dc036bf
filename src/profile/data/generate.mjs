// Regenerates the JSON tables in this folder from the shared reference data (see README.md here).
// Run from the repository root: node src/profile/data/generate.mjs [../shared/data]
// Only the columns the profiler reads are kept, so the bundle stays small.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(process.argv[2] ?? path.join(here, '..', '..', '..', '..', 'shared', 'data'));
const ZONEINFO = '/usr/share/zoneinfo';
const ISO_CODES = '/usr/share/iso-codes/json/iso_3166-1.json';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

const read = (...p) => readFileSync(path.join(...p), 'utf8').replace(/^\uFEFF/, '');
const write = (name, value) => writeFileSync(path.join(here, name), JSON.stringify(value) + '\n');

// CodeCarbon's CPU table, in its own order (the matcher's tie-breaking depends on it).
const cpus = parseCsv(read(shared, 'codecarbon', 'cpu_power.csv')).slice(1).map(([name, tdp]) => [name, Number(tdp)]);
write('cpu-tdp.json', cpus);

// ISO 3166-1 alpha-3 → alpha-2 (Debian iso-codes), for the countries the intensity tables know.
const alpha2 = new Map(JSON.parse(readFileSync(ISO_CODES, 'utf8'))['3166-1'].map((c) => [c.alpha_3, c.alpha_2]));

// Our World in Data country intensities as shipped by CodeCarbon: ISO3 → [name, gCO2e/kWh, year, ISO2].
const mix = JSON.parse(read(shared, 'codecarbon', 'global_energy_mix.json'));
const countries = {};
for (const [iso3, c] of Object.entries(mix)) {
  if (typeof c.carbon_intensity !== 'number' || Number.isNaN(c.carbon_intensity)) continue;
  countries[iso3] = [c.country_name, Math.round(c.carbon_intensity * 10) / 10, c.year, alpha2.get(iso3) ?? ''];
}
write('owid-countries.json', countries);

// Electricity Maps 2024 yearly zone averages: zone id → [country, zone name, direct, life-cycle].
const em = parseCsv(read(shared, 'electricitymaps-2024', 'CI-electricitymap-yearly_2024-with-continents.csv'));
const head = em[0];
const col = (name) => head.findIndex((h) => h.startsWith(name));
const [cCountry, cZone, cId, cDirect, cLife] = [col('Country'), col('Zone name'), col('Zone id'), col('Carbon intensity gCO₂eq/kWh (direct)'), col('Carbon intensity gCO₂eq/kWh (Life cycle)')];
const zones = {};
for (const r of em.slice(1)) zones[r[cId]] = [r[cCountry], r[cZone], Number(r[cDirect]), Number(r[cLife])];
write('electricitymaps-2024.json', zones);

// Time zone → ISO 3166 alpha-2 country (tzdata zone.tab, plus the backward-compatible link names
// ICU still reports, such as Asia/Calcutta).
const tz = {};
for (const line of read(ZONEINFO, 'zone.tab').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [country, , zone] = line.split('\t');
  tz[zone] = country;
}
for (const line of read(ZONEINFO, 'tzdata.zi').split('\n')) {
  const m = /^L (\S+) (\S+)$/.exec(line);
  if (m && tz[m[1]] && !tz[m[2]]) tz[m[2]] = tz[m[1]];
}
write('timezones.json', Object.fromEntries(Object.entries(tz).sort()));

// Data-centre PUE: provider defaults and the Google Cloud regions Green Algorithms lists with one.
const pueDefaults = parseCsv(read(shared, 'green-algorithms', 'defaults_PUE.csv')).slice(2);
const centres = parseCsv(read(shared, 'green-algorithms', 'cloudProviders_datacenters.csv')).slice(2);
const pue = { defaults: {}, regions: {} };
for (const [provider, value] of pueDefaults) pue.defaults[provider.toLowerCase()] = Number(value);
for (const [provider, region, , , , , value] of centres) {
  if (value && !Number.isNaN(Number(value))) pue.regions[`${provider}:${region}`] = Number(value);
}
write('cloud-pue.json', pue);

console.log(`cpus ${cpus.length}, countries ${Object.keys(countries).length}, zones ${Object.keys(zones).length}, time zones ${Object.keys(tz).length}`);
