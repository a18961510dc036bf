// Plain-language equivalents of a run's energy and emissions, each with its source.
import type { Equivalent } from '../types';

/** US EPA, "Greenhouse Gas Emissions from a Typical Passenger Vehicle" (EPA-420-F-23-014, 2023): about 400 g CO2 per mile. */
const CAR_G_PER_KM = 400 / 1.609344;
const LED_BULB_W = 10;

function amount(x: number, unit: string): string {
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : 3;
  return `${x.toFixed(digits)} ${unit}`;
}

export function equivalents(joules: number, gCO2e: number): Equivalent[] {
  const out: Equivalent[] = [];
  const ledS = joules / LED_BULB_W;
  out.push({
    text: `a ${LED_BULB_W} W LED bulb lit for ${ledS >= 3600 ? amount(ledS / 3600, 'h') : ledS >= 60 ? amount(ledS / 60, 'min') : amount(ledS, 's')}`,
    source: 'energy ÷ 10 W',
  });
  const metres = (gCO2e / CAR_G_PER_KM) * 1000;
  out.push({
    text: `driving an average passenger car ${metres >= 1000 ? amount(metres / 1000, 'km') : amount(metres, 'm')}`,
    source: 'US EPA, Greenhouse Gas Emissions from a Typical Passenger Vehicle (EPA-420-F-23-014, 2023): about 400 g CO2 per mile',
  });
  return out;
}
