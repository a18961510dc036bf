// Grid carbon intensity and PUE for a run: from the user's choice (--intensity, --cloud, --zone,
// --country), else the country of the system time zone, else the world average. Every figure
// carries its source, year and basis.
/*! @license Carbon-intensity and PUE tables (src/profile/data/)
 * Country intensities: Our World in Data (CC BY 4.0), as shipped in CodeCarbon's
 *   global_energy_mix.json (mlco2/codecarbon @ b05965e4, MIT licence, Copyright (c) 2019 Mila, BCG
 *   Gamma, CometML, Haverford College; (c) 2023 Code Carbon NGO).
 * Zone intensities: contains information from Electricity Maps, "2024 Yearly Carbon Intensity Data"
 *   (Version January 27, 2025), https://www.electricitymaps.com, made available under the Open
 *   Database License (ODbL 1.0).
 * PUE: Green Algorithms (GreenAlgorithms/green-algorithms-tool @ 30df2fe), CC BY 4.0; Lannelongue,
 *   Grealey & Inouye, "Green Algorithms", Advanced Science 2021.
 * Time zones: tzdata zone.tab (public domain).
 */
import owid from '../data/owid-countries.json';
import zones from '../data/electricitymaps-2024.json';
import timezones from '../data/timezones.json';
import cloudPue from '../data/cloud-pue.json';
import { REGIONS, REGION_SOURCES, type Provider } from '../../engine/rules/infrastructure/region-intensity';
import { ProfileUsageError } from '../runner/command';
import type { CloudLocation, IntensityProvenance } from '../types';

/** IEA, Global Energy & CO2 Status Report 2019, as used by CodeCarbon and Green Algorithms. */
export const WORLD_AVERAGE = 475;

const COUNTRIES = owid as unknown as Record<string, [name: string, intensity: number, year: number, iso2: string]>;
const ZONES = zones as unknown as Record<string, [country: string, zone: string, direct: number, lifecycle: number]>;
const TIMEZONES = timezones as Record<string, string>;
const PUE = cloudPue as { defaults: Record<string, number>; regions: Record<string, number> };

export interface Intensity extends IntensityProvenance {
  gPerKWh: number;
  source: string;
}

export interface IntensityOptions {
  intensity?: number;
  country?: string;
  zone?: string;
  cloud?: CloudLocation;
  pue?: number;
  timeZone?: string;
}

const EM_SOURCE = 'Electricity Maps, 2024 yearly average (life-cycle)';
const OWID_SOURCE = "Our World in Data, via CodeCarbon's global_energy_mix";

let byIso2: Map<string, string> | undefined;

function iso3FromIso2(iso2: string): string | undefined {
  byIso2 ??= new Map(Object.entries(COUNTRIES).map(([iso3, c]) => [c[3], iso3]));
  return byIso2.get(iso2);
}

function fromZone(id: string): Omit<Intensity, 'location' | 'pue' | 'pueSource'> | undefined {
  const key = Object.keys(ZONES).find((z) => z.toLowerCase() === id.toLowerCase());
  if (!key) return undefined;
  const [country, zone, , lifecycle] = ZONES[key];
  const iso3 = iso3FromIso2(key.split('-')[0]);
  return {
    gPerKWh: lifecycle,
    source: `${EM_SOURCE}, zone ${key} (${zone === country ? zone : `${zone}, ${country}`})`,
    basis: 'life-cycle',
    year: 2024,
    countryIso3: iso3,
    countryName: iso3 ? COUNTRIES[iso3][0] : country,
    region: zone === country ? undefined : zone,
  };
}

/** A country: Electricity Maps' country-wide zone when it has one, else Our World in Data's figure. */
function fromCountry(code: string): Omit<Intensity, 'location' | 'pue' | 'pueSource'> | undefined {
  const upper = code.toUpperCase();
  const iso3 = COUNTRIES[upper] ? upper : upper.length === 2 ? iso3FromIso2(upper) : undefined;
  if (!iso3) return undefined;
  const [name, intensity, year, iso2] = COUNTRIES[iso3];
  const zone = iso2 && ZONES[iso2] ? fromZone(iso2) : undefined;
  if (zone) return { ...zone, countryIso3: iso3, countryName: name, region: undefined };
  return { gPerKWh: intensity, source: `${OWID_SOURCE} (${name}, ${year})`, basis: 'life-cycle', year, countryIso3: iso3, countryName: name };
}

function findRegion(provider: Provider, region: string) {
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');
  return REGIONS[provider].find((r) => norm(r.region) === norm(region));
}

export function resolveIntensity(opts: IntensityOptions): Intensity {
  let base: Omit<Intensity, 'pue' | 'pueSource'>;
  let pue = 1;
  let pueSource = 'default for a personal computer (pass --pue; 1.56 is the 2024 average of an unknown data centre, Uptime Institute)';
  if (opts.cloud) {
    const provider = opts.cloud.provider.toLowerCase();
    const known = (['gcp', 'aws', 'azure'] as const).find((p) => p === provider);
    const region = known ? findRegion(known, opts.cloud.region) : undefined;
    const defaultPue = PUE.defaults[provider];
    if (defaultPue) {
      pue = PUE.regions[`${provider}:${region?.region ?? opts.cloud.region}`] ?? defaultPue;
      pueSource = PUE.regions[`${provider}:${region?.region ?? opts.cloud.region}`]
        ? `${provider} ${opts.cloud.region} (Green Algorithms, cloudProviders_datacenters.csv)`
        : `${provider} average (Green Algorithms, defaults_PUE.csv)`;
    }
    if (known && region) {
      base = {
        gPerKWh: region.intensity,
        source: `${REGION_SOURCES[known]} (${known} ${region.region}, ${region.place})`,
        basis: 'location-based grid average',
        location: '--cloud',
        countryIso3: region.country,
        countryName: COUNTRIES[region.country]?.[0],
        cloudProvider: known,
        cloudRegion: region.region,
      };
    } else {
      if (known) throw new ProfileUsageError(`unknown ${known} region "${opts.cloud.region}"; regions look like ${REGIONS[known].slice(0, 3).map((r) => r.region).join(', ')}`);
      if (!opts.country && !opts.zone) throw new ProfileUsageError(`no region data for cloud provider "${opts.cloud.provider}" (known: gcp, aws, azure); add --country ISO3 for its data centre's country`);
      base = { ...resolveIntensity({ country: opts.country, zone: opts.zone }), cloudProvider: provider, cloudRegion: opts.cloud.region };
    }
  } else if (opts.zone) {
    const z = fromZone(opts.zone);
    if (!z) throw new ProfileUsageError(`unknown Electricity Maps zone "${opts.zone}" (zones look like FR, DE, US-CAL-CISO, CA-QC)`);
    base = { ...z, location: '--zone' };
  } else if (opts.country) {
    const c = fromCountry(opts.country);
    if (!c) throw new ProfileUsageError(`unknown country "${opts.country}": use an ISO 3166 alpha-3 code such as FRA, USA, DEU`);
    base = { ...c, location: '--country' };
  } else {
    const tz = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const iso2 = tz ? TIMEZONES[tz] : undefined;
    const c = iso2 ? fromCountry(iso2) : undefined;
    base = c
      ? { ...c, location: `time zone ${tz}` }
      : {
          gPerKWh: WORLD_AVERAGE,
          source: `world average (IEA 2019); the time zone ${tz ?? '(unknown)'} names no country (set one: --country ISO3, or frugal.country in VS Code)`,
          basis: 'average',
          year: 2019,
          location: 'default',
        };
  }
  if (opts.pue !== undefined) {
    pue = opts.pue;
    pueSource = 'as given (--pue)';
  }
  if (opts.intensity !== undefined) base = { ...base, gPerKWh: opts.intensity, source: 'as given (--intensity)', basis: 'as given', year: undefined };
  return { ...base, pue, pueSource };
}

/** gCO2e for an energy in joules. */
export function gramsCO2e(joules: number, intensity: Pick<Intensity, 'gPerKWh' | 'pue'>): number {
  return (joules / 3.6e6) * intensity.pue * intensity.gPerKWh;
}
