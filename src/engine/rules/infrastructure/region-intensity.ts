// Grid carbon intensity of cloud regions (gCO2e/kWh, location-based averages), used by FRG501.
// Generated once from the reference tables in the project's shared data; do not edit by hand.
/*! @license Region carbon-intensity data
 * Google Cloud: Google's published grid carbon intensity per region, as shipped in CodeCarbon's
 *   codecarbon/data/cloud/impact.csv (mlco2/codecarbon @ b05965e4). MIT licence, Copyright (c) 2019
 *   Mila, BCG Gamma, CometML, Haverford College; (c) 2023 Code Carbon NGO. The row spelled
 *   `me-cenrtal1` there is `me-central1` here.
 * AWS and Azure: Green Algorithms (GreenAlgorithms/green-algorithms-tool @ 30df2fe, data/latest/),
 *   CC BY 4.0; Lannelongue, Grealey & Inouye, "Green Algorithms: Quantifying the Carbon Footprint of
 *   Computation", Advanced Science 2021. Intensity of the data centre's location from
 *   CI_aggregated.csv (country or US-state averages, 2019-2021 data compiled from carbonfootprint.com
 *   and national sources); Azure locations from cloudProviders_datacenters.csv; AWS locations, which
 *   that table lacks, from AWS's published list of regions.
 * Changes: values rounded to whole grams; Azure China and sovereign regions, and regions without a
 *   figure (Azure Qatar Central, AWS me-south-1 and ap-southeast-5), left out; `restricted` marks
 *   Azure regions open only to approved customers, never suggested as alternatives.
 */

export type Provider = 'gcp' | 'aws' | 'azure';

export interface RegionIntensity {
  /** The name the provider's APIs take (`us-central1`, `eu-west-1`, `westeurope`). */
  region: string;
  /** gCO2e per kWh of electricity drawn from the local grid. */
  intensity: number;
  country: string;
  continent: string;
  place: string;
  restricted?: boolean;
}

export const REGION_SOURCES: Record<Provider, string> = {
  gcp: 'Google Cloud region carbon data, via CodeCarbon',
  aws: 'Green Algorithms location intensity',
  azure: 'Green Algorithms location intensity',
};

const GCP: readonly RegionIntensity[] = [
  { region: 'africa-south1', intensity: 646, country: 'ZAF', continent: 'Africa', place: 'Johannesburg' },
  { region: 'asia-east1', intensity: 451, country: 'TWN', continent: 'Asia', place: 'Changhua County' },
  { region: 'asia-east2', intensity: 360, country: 'HKG', continent: 'Asia', place: 'Hong Kong' },
  { region: 'asia-northeast1', intensity: 459, country: 'JPN', continent: 'Asia', place: 'Tokyo' },
  { region: 'asia-northeast2', intensity: 385, country: 'JPN', continent: 'Asia', place: 'Osaka' },
  { region: 'asia-northeast3', intensity: 378, country: 'KOR', continent: 'Asia', place: 'Seoul' },
  { region: 'asia-south1', intensity: 648, country: 'IND', continent: 'Asia', place: 'Mumbai' },
  { region: 'asia-south2', intensity: 529, country: 'IND', continent: 'Asia', place: 'Delhi' },
  { region: 'asia-southeast1', intensity: 369, country: 'SGP', continent: 'Asia', place: 'Jurong West' },
  { region: 'asia-southeast2', intensity: 580, country: 'IDN', continent: 'Asia', place: 'Jakarta' },
  { region: 'australia-southeast1', intensity: 501, country: 'AUS', continent: 'Oceania', place: 'Sydney' },
  { region: 'australia-southeast2', intensity: 456, country: 'AUS', continent: 'Oceania', place: 'Melbourne' },
  { region: 'europe-central2', intensity: 723, country: 'POL', continent: 'Europe', place: 'Warsaw' },
  { region: 'europe-north1', intensity: 46, country: 'FIN', continent: 'Europe', place: 'Hamina' },
  { region: 'europe-southwest1', intensity: 131, country: 'ESP', continent: 'Europe', place: 'Madrid' },
  { region: 'europe-west1', intensity: 122, country: 'BEL', continent: 'Europe', place: 'St. Ghislain' },
  { region: 'europe-west2', intensity: 136, country: 'GBR', continent: 'Europe', place: 'London' },
  { region: 'europe-west3', intensity: 345, country: 'DEU', continent: 'Europe', place: 'Frankfurt' },
  { region: 'europe-west4', intensity: 236, country: 'NLD', continent: 'Europe', place: 'Eemshaven' },
  { region: 'europe-west6', intensity: 59, country: 'CHE', continent: 'Europe', place: 'Zurich' },
  { region: 'europe-west8', intensity: 249, country: 'ITA', continent: 'Europe', place: 'Milan' },
  { region: 'europe-west9', intensity: 34, country: 'FRA', continent: 'Europe', place: 'Paris' },
  { region: 'europe-west10', intensity: 345, country: 'DEU', continent: 'Europe', place: 'Berlin' },
  { region: 'europe-west12', intensity: 249, country: 'ITA', continent: 'Europe', place: 'Turin' },
  { region: 'me-central1', intensity: 575, country: 'QAT', continent: 'Asia', place: 'Doha' },
  { region: 'me-central2', intensity: 569, country: 'SAU', continent: 'Asia', place: 'Dammam' },
  { region: 'me-west1', intensity: 463, country: 'ISR', continent: 'Asia', place: 'Tel Aviv' },
  { region: 'northamerica-northeast1', intensity: 2, country: 'CAN', continent: 'North America', place: 'Montreal' },
  { region: 'northamerica-northeast2', intensity: 47, country: 'CAN', continent: 'North America', place: 'Toronto' },
  { region: 'southamerica-east1', intensity: 56, country: 'BRA', continent: 'South America', place: 'Sao Paulo' },
  { region: 'southamerica-west1', intensity: 138, country: 'CHL', continent: 'South America', place: 'Santiago' },
  { region: 'us-central1', intensity: 430, country: 'USA', continent: 'North America', place: 'Council Bluffs' },
  { region: 'us-east1', intensity: 560, country: 'USA', continent: 'North America', place: 'Moncks Corner' },
  { region: 'us-east4', intensity: 322, country: 'USA', continent: 'North America', place: 'Ashburn' },
  { region: 'us-east5', intensity: 322, country: 'USA', continent: 'North America', place: 'Columbus' },
  { region: 'us-south1', intensity: 321, country: 'USA', continent: 'North America', place: 'Dallas' },
  { region: 'us-west1', intensity: 94, country: 'USA', continent: 'North America', place: 'The Dalles' },
  { region: 'us-west2', intensity: 198, country: 'USA', continent: 'North America', place: 'Los Angeles' },
  { region: 'us-west3', intensity: 588, country: 'USA', continent: 'North America', place: 'Salt Lake City' },
  { region: 'us-west4', intensity: 373, country: 'USA', continent: 'North America', place: 'Las Vegas' },
];

const AWS: readonly RegionIntensity[] = [
  { region: 'us-east-1', intensity: 308, country: 'US', continent: 'North America', place: 'N. Virginia' },
  { region: 'us-east-2', intensity: 599, country: 'US', continent: 'North America', place: 'Ohio' },
  { region: 'us-west-1', intensity: 216, country: 'US', continent: 'North America', place: 'N. California' },
  { region: 'us-west-2', intensity: 163, country: 'US', continent: 'North America', place: 'Oregon' },
  { region: 'ca-central-1', intensity: 2, country: 'CA', continent: 'North America', place: 'Montreal' },
  { region: 'ca-west-1', intensity: 670, country: 'CA', continent: 'North America', place: 'Calgary' },
  { region: 'mx-central-1', intensity: 431, country: 'MX', continent: 'North America', place: 'Querétaro' },
  { region: 'sa-east-1', intensity: 62, country: 'BR', continent: 'South America', place: 'São Paulo' },
  { region: 'eu-west-1', intensity: 336, country: 'IE', continent: 'Europe', place: 'Ireland' },
  { region: 'eu-west-2', intensity: 231, country: 'GB', continent: 'Europe', place: 'London' },
  { region: 'eu-west-3', intensity: 51, country: 'FR', continent: 'Europe', place: 'Paris' },
  { region: 'eu-central-1', intensity: 339, country: 'DE', continent: 'Europe', place: 'Frankfurt' },
  { region: 'eu-central-2', intensity: 12, country: 'CH', continent: 'Europe', place: 'Zurich' },
  { region: 'eu-north-1', intensity: 6, country: 'SE', continent: 'Europe', place: 'Stockholm' },
  { region: 'eu-south-1', intensity: 324, country: 'IT', continent: 'Europe', place: 'Milan' },
  { region: 'eu-south-2', intensity: 171, country: 'ES', continent: 'Europe', place: 'Aragón' },
  { region: 'af-south-1', intensity: 901, country: 'ZA', continent: 'Africa', place: 'Cape Town' },
  { region: 'il-central-1', intensity: 558, country: 'IL', continent: 'Asia', place: 'Tel Aviv' },
  { region: 'me-central-1', intensity: 418, country: 'AE', continent: 'Asia', place: 'UAE' },
  { region: 'ap-east-1', intensity: 710, country: 'HK', continent: 'Asia', place: 'Hong Kong' },
  { region: 'ap-south-1', intensity: 708, country: 'IN', continent: 'Asia', place: 'Mumbai' },
  { region: 'ap-south-2', intensity: 708, country: 'IN', continent: 'Asia', place: 'Hyderabad' },
  { region: 'ap-northeast-1', intensity: 466, country: 'JP', continent: 'Asia', place: 'Tokyo' },
  { region: 'ap-northeast-2', intensity: 416, country: 'KR', continent: 'Asia', place: 'Seoul' },
  { region: 'ap-northeast-3', intensity: 466, country: 'JP', continent: 'Asia', place: 'Osaka' },
  { region: 'ap-southeast-1', intensity: 408, country: 'SG', continent: 'Asia', place: 'Singapore' },
  { region: 'ap-southeast-2', intensity: 870, country: 'AU', continent: 'Oceania', place: 'Sydney' },
  { region: 'ap-southeast-3', intensity: 718, country: 'ID', continent: 'Asia', place: 'Jakarta' },
  { region: 'ap-southeast-4', intensity: 1060, country: 'AU', continent: 'Oceania', place: 'Melbourne' },
  { region: 'ap-southeast-7', intensity: 481, country: 'TH', continent: 'Asia', place: 'Bangkok' },
];

const AZURE: readonly RegionIntensity[] = [
  { region: 'southafricanorth', intensity: 901, country: 'ZA', continent: 'Africa', place: 'Johannesburg' },
  { region: 'southafricawest', intensity: 901, country: 'ZA', continent: 'Africa', place: 'Cape Town', restricted: true },
  { region: 'eastasia', intensity: 710, country: 'HK', continent: 'Asia', place: 'Hong Kong' },
  { region: 'southeastasia', intensity: 408, country: 'SG', continent: 'Asia', place: 'Singapore' },
  { region: 'australiacentral', intensity: 870, country: 'AU', continent: 'Oceania', place: 'Canberra', restricted: true },
  { region: 'australiacentral2', intensity: 870, country: 'AU', continent: 'Oceania', place: 'Canberra', restricted: true },
  { region: 'australiaeast', intensity: 870, country: 'AU', continent: 'Oceania', place: 'New South Wales' },
  { region: 'australiasoutheast', intensity: 1060, country: 'AU', continent: 'Oceania', place: 'Victoria' },
  { region: 'brazilsouth', intensity: 62, country: 'BR', continent: 'South America', place: 'Sao Paulo' },
  { region: 'canadacentral', intensity: 30, country: 'CA', continent: 'North America', place: 'Toronto' },
  { region: 'canadaeast', intensity: 2, country: 'CA', continent: 'North America', place: 'Quebec City' },
  { region: 'northeurope', intensity: 336, country: 'IE', continent: 'Europe', place: 'Ireland' },
  { region: 'westeurope', intensity: 374, country: 'NL', continent: 'Europe', place: 'Netherlands' },
  { region: 'francecentral', intensity: 51, country: 'FR', continent: 'Europe', place: 'Paris' },
  { region: 'francesouth', intensity: 51, country: 'FR', continent: 'Europe', place: 'Marseille', restricted: true },
  { region: 'germanynorth', intensity: 339, country: 'DE', continent: 'Europe', place: 'Berlin', restricted: true },
  { region: 'germanywestcentral', intensity: 339, country: 'DE', continent: 'Europe', place: 'Frankfurt' },
  { region: 'centralindia', intensity: 708, country: 'IN', continent: 'Asia', place: 'Pune' },
  { region: 'southindia', intensity: 708, country: 'IN', continent: 'Asia', place: 'Chennai' },
  { region: 'westindia', intensity: 708, country: 'IN', continent: 'Asia', place: 'Mumbai', restricted: true },
  { region: 'israelcentral', intensity: 558, country: 'IL', continent: 'Asia', place: 'Israel' },
  { region: 'italynorth', intensity: 324, country: 'IT', continent: 'Europe', place: 'Milan' },
  { region: 'japaneast', intensity: 466, country: 'JP', continent: 'Asia', place: 'Tokyo, Saitama' },
  { region: 'japanwest', intensity: 466, country: 'JP', continent: 'Asia', place: 'Osaka' },
  { region: 'koreacentral', intensity: 416, country: 'KR', continent: 'Asia', place: 'Seoul' },
  { region: 'koreasouth', intensity: 416, country: 'KR', continent: 'Asia', place: 'Busan' },
  { region: 'mexicocentral', intensity: 431, country: 'MX', continent: 'North America', place: 'Querétaro State' },
  { region: 'newzealandnorth', intensity: 110, country: 'NZ', continent: 'Oceania', place: 'Auckland' },
  { region: 'norwayeast', intensity: 8, country: 'NO', continent: 'Europe', place: 'Oslo' },
  { region: 'norwaywest', intensity: 8, country: 'NO', continent: 'Europe', place: 'Stavanger', restricted: true },
  { region: 'polandcentral', intensity: 760, country: 'PL', continent: 'Europe', place: 'Warsaw' },
  { region: 'spaincentral', intensity: 171, country: 'ES', continent: 'Europe', place: 'Madrid' },
  { region: 'switzerlandnorth', intensity: 12, country: 'CH', continent: 'Europe', place: 'Zurich' },
  { region: 'switzerlandwest', intensity: 12, country: 'CH', continent: 'Europe', place: 'Geneva', restricted: true },
  { region: 'uaecentral', intensity: 418, country: 'AE', continent: 'Asia', place: 'Abu Dhabi', restricted: true },
  { region: 'uaenorth', intensity: 418, country: 'AE', continent: 'Asia', place: 'Dubai' },
  { region: 'uksouth', intensity: 231, country: 'GB', continent: 'Europe', place: 'London' },
  { region: 'ukwest', intensity: 231, country: 'GB', continent: 'Europe', place: 'Cardiff' },
  { region: 'centralus', intensity: 294, country: 'US', continent: 'North America', place: 'Iowa' },
  { region: 'eastus', intensity: 308, country: 'US', continent: 'North America', place: 'Virginia' },
  { region: 'eastus2', intensity: 308, country: 'US', continent: 'North America', place: 'Virginia' },
  { region: 'northcentralus', intensity: 266, country: 'US', continent: 'North America', place: 'Illinois' },
  { region: 'southcentralus', intensity: 409, country: 'US', continent: 'North America', place: 'Texas' },
  { region: 'westcentralus', intensity: 950, country: 'US', continent: 'North America', place: 'Wyoming' },
  { region: 'westus', intensity: 216, country: 'US', continent: 'North America', place: 'California' },
  { region: 'westus2', intensity: 102, country: 'US', continent: 'North America', place: 'Washington' },
  { region: 'westus3', intensity: 352, country: 'US', continent: 'North America', place: 'Arizona' },
];

export const REGIONS: Record<Provider, readonly RegionIntensity[]> = { gcp: GCP, aws: AWS, azure: AZURE };
