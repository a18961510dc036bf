// The report's emissions block: grams of CO2e for an energy at an intensity, with where the
// intensity came from and plain-language equivalents.
import type { Emissions } from '../types';
import { equivalents } from './equivalents';
import { gramsCO2e, type Intensity } from './intensity';

export function emissionsOf(totalJ: number, intensity: Intensity): Emissions {
  const gCO2e = gramsCO2e(totalJ, intensity);
  return {
    gCO2e,
    intensityGPerKWh: intensity.gPerKWh,
    intensitySource: intensity.source,
    pue: intensity.pue,
    basis: intensity.basis,
    ...(intensity.year ? { year: intensity.year } : {}),
    location: intensity.location,
    ...(intensity.countryIso3 ? { countryIso3: intensity.countryIso3 } : {}),
    ...(intensity.countryName ? { countryName: intensity.countryName } : {}),
    ...(intensity.region ? { region: intensity.region } : {}),
    ...(intensity.cloudProvider ? { cloudProvider: intensity.cloudProvider, cloudRegion: intensity.cloudRegion } : {}),
    pueSource: intensity.pueSource,
    equivalents: equivalents(totalJ, gCO2e),
  };
}
