// Carbon intensity with its source: country (Electricity Maps 2024, else Our World in Data),
// zone, cloud region with its PUE, time zone, world average, and the gCO2e formula.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gramsCO2e, resolveIntensity } from '../../src/profile/carbon/intensity';
import { equivalents } from '../../src/profile/carbon/equivalents';

describe('carbon intensity', () => {
  test('--country: the Electricity Maps 2024 country zone, life-cycle basis', () => {
    const i = resolveIntensity({ country: 'FRA' });
    assert.equal(i.gPerKWh, 33.44);
    assert.equal(i.year, 2024);
    assert.equal(i.basis, 'life-cycle');
    assert.match(i.source, /Electricity Maps, 2024 yearly average \(life-cycle\), zone FR/);
    assert.equal(i.countryName, 'France');
    assert.equal(i.pue, 1);
  });

  test("--country without an Electricity Maps zone: Our World in Data via CodeCarbon's table", () => {
    // Electricity Maps splits Chile into zones (CL-SEN) without a country-wide one.
    const i = resolveIntensity({ country: 'CHL' });
    assert.equal(i.gPerKWh, 291.1);
    assert.equal(i.year, 2023);
    assert.match(i.source, /Our World in Data.*Chile, 2023/);
  });

  test('--zone and --cloud (with the provider PUE), --pue and --intensity override', () => {
    assert.equal(resolveIntensity({ zone: 'ca-qc' }).gPerKWh, 35.04);
    const gcp = resolveIntensity({ cloud: { provider: 'gcp', region: 'europe-west1' } });
    assert.equal(gcp.cloudRegion, 'europe-west1');
    assert.equal(gcp.countryIso3, 'BEL');
    assert.equal(gcp.pue, 1.08);
    assert.equal(resolveIntensity({ cloud: { provider: 'aws', region: 'eu-west-3' } }).pue, 1.2);
    assert.equal(resolveIntensity({ cloud: { provider: 'gcp', region: 'europe-west1' }, pue: 1.3 }).pue, 1.3);
    const given = resolveIntensity({ country: 'FRA', intensity: 100 });
    assert.equal(given.gPerKWh, 100);
    assert.equal(given.source, 'as given (--intensity)');
    assert.throws(() => resolveIntensity({ cloud: { provider: 'gcp', region: 'mars-north1' } }), /unknown gcp region "mars-north1"/);
    assert.throws(() => resolveIntensity({ zone: 'ATLANTIS' }), /unknown Electricity Maps zone/);
  });

  test('the time zone names the country; UTC names none → world average 475 (IEA 2019)', () => {
    const paris = resolveIntensity({ timeZone: 'Europe/Paris' });
    assert.equal(paris.countryIso3, 'FRA');
    assert.equal(paris.location, 'time zone Europe/Paris');
    assert.equal(resolveIntensity({ timeZone: 'Asia/Calcutta' }).countryIso3, 'IND');
    const utc = resolveIntensity({ timeZone: 'UTC' });
    assert.equal(utc.gPerKWh, 475);
    assert.match(utc.source, /world average \(IEA 2019\)/);
  });

  test('gCO2e = kWh × PUE × g/kWh, and the equivalents say their source', () => {
    assert.equal(gramsCO2e(3.6e6, { gPerKWh: 475, pue: 1.5 }), 712.5);
    const eq = equivalents(36000, 100);
    assert.match(eq[0].text, /10 W LED bulb lit for 1\.00 h/);
    assert.match(eq[1].text, /driving an average passenger car 402 m/);
    assert.match(eq[1].source, /EPA-420-F-23-014/);
  });
});
