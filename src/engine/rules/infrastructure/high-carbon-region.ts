// FRG501: a cloud training or serving region, passed to a Vertex AI, SageMaker/boto3 or Azure ML
// API, whose grid is carbon-intensive while the same provider has a much cleaner region nearby.
import type { CallSite, ModuleModel } from '../../model/model';
import { stringOf } from '../../model/values';
import type { SNode } from '../../parse/syntax';
import { replaceNode } from '../fixes';
import type { Rule, RuleContext } from '../rule';
import { highCarbonRegionJs } from '../js/high-carbon-region';
import { REGION_SOURCES, REGIONS, type Provider, type RegionIntensity } from './region-intensity';

/** gCO2e/kWh above which a region counts as carbon-intensive (world average: 475, IEA 2019). */
const HIGH_INTENSITY = 400;
/** An alternative is named only if its grid is at least 30 % cleaner: a move worth its cost. */
const MAX_RATIO = 0.7;

/** boto3 services that run training or inference compute in the region. */
const AWS_COMPUTE = new Set(['sagemaker', 'sagemaker-runtime', 'bedrock', 'bedrock-runtime', 'ec2', 'batch']);
const BOTO_SESSIONS = new Set(['boto3.Session', 'boto3.session.Session']);
const AZURE_LOCATION_CALLS = new Set([
  'azureml.core.Workspace.create',
  'azureml.core.workspace.Workspace.create',
  'azureml.core.compute.AmlCompute.provisioning_configuration',
  'azureml.core.compute.amlcompute.AmlCompute.provisioning_configuration',
  'azure.ai.ml.entities.Workspace',
  'azure.ai.ml.entities.AmlCompute',
]);

export interface RegionArgument {
  provider: Provider;
  /** The argument as written in the call (a literal, or a name such as `REGION`). */
  arg: SNode;
  /** The string literal holding the region, after following variables. */
  literal: SNode;
  region: string;
}

function regionLiteral(model: ModuleModel, call: CallSite, provider: Provider, keyword: string, position?: number): RegionArgument | undefined {
  const arg = model.arg(call, keyword, position);
  if (!arg) return undefined;
  const v = model.resolve(arg);
  if (v.kind !== 'string' || v.node.type !== 'string') return undefined;
  return { provider, arg: arg.node, literal: v.node, region: v.value };
}

function awsService(model: ModuleModel, call: CallSite): string | undefined {
  const service = model.arg(call, 'service_name', 0);
  return service ? stringOf(model.resolve(service)) : undefined;
}

/**
 * A boto3 session whose region matters: the file uses SageMaker, or the session makes a compute
 * client that does not set a region of its own.
 */
function sessionRunsCompute(model: ModuleModel, session: CallSite): boolean {
  if (model.importsModule('sagemaker')) return true;
  return model.calls.some(
    (c) =>
      (c.name === 'client' || c.name === 'resource') &&
      c.receiver !== undefined &&
      !c.kwargs.has('region_name') &&
      model.originCall(c.receiver) === session &&
      AWS_COMPUTE.has(awsService(model, c) ?? ''),
  );
}

/** The region a call sends compute to, when it is a literal the rule can read. */
function regionArgument(model: ModuleModel, call: CallSite): RegionArgument | undefined {
  const q = call.qualified;
  if (q?.startsWith('google.cloud.aiplatform.') || q?.startsWith('vertexai.')) return regionLiteral(model, call, 'gcp', 'location');
  if (q && AZURE_LOCATION_CALLS.has(q)) return regionLiteral(model, call, 'azure', 'location');
  if (q === 'sagemaker.image_uris.retrieve') return regionLiteral(model, call, 'aws', 'region', 1);
  if (q && BOTO_SESSIONS.has(q)) return sessionRunsCompute(model, call) ? regionLiteral(model, call, 'aws', 'region_name') : undefined;
  const client =
    q === 'boto3.client' ||
    q === 'boto3.resource' ||
    ((call.name === 'client' || call.name === 'resource') && call.receiver !== undefined && BOTO_SESSIONS.has(model.originCall(call.receiver)?.qualified ?? ''));
  if (client && AWS_COMPUTE.has(awsService(model, call) ?? '')) return regionLiteral(model, call, 'aws', 'region_name');
  return undefined;
}

function lookup(provider: Provider, name: string): RegionIntensity | undefined {
  // Azure takes both `westeurope` and the display name `West Europe`.
  const key = provider === 'azure' ? name.replace(/\s+/g, '').toLowerCase() : name.trim();
  return REGIONS[provider].find((r) => r.region === key);
}

/** The cleanest region that at least halves the intensity: in the same country if any, else on the same continent. */
function cleanerRegion(provider: Provider, from: RegionIntensity): { region: RegionIntensity; scope: string } | undefined {
  if (from.intensity <= HIGH_INTENSITY) return undefined;
  const candidates = REGIONS[provider].filter((r) => !r.restricted && r.intensity <= from.intensity * MAX_RATIO);
  const cleanest = (list: RegionIntensity[]) => list.reduce<RegionIntensity | undefined>((best, r) => (!best || r.intensity < best.intensity ? r : best), undefined);
  const country = cleanest(candidates.filter((r) => r.country === from.country));
  if (country) return { region: country, scope: 'in the same country' };
  const continent = cleanest(candidates.filter((r) => r.continent === from.continent));
  return continent && { region: continent, scope: 'on the same continent' };
}

/** The literal rewritten with another value, keeping its prefix and quotes. */
function sameQuotes(literalText: string, value: string): string {
  const m = /^([rRuUbB]*)("""|'''|"|'|`)/.exec(literalText);
  return m ? `${m[1]}${m[2]}${value}${m[2]}` : `"${value}"`;
}

/** Reports a region argument when its grid is carbon-intensive and a cleaner region is near (either language). */
export function reportRegion(ctx: Pick<RuleContext, 'report'>, text: (n: SNode) => string, call: CallSite, found: RegionArgument | undefined): void {
  const from = found && lookup(found.provider, found.region);
  const better = from && cleanerRegion(found.provider, from);
  if (!found || !from || !better) return;
  const alt = better.region;
  // Reported where the region reaches the API; a variable's literal is shown as related.
  const viaVariable = found.arg !== found.literal;
  ctx.report({
    node: found.arg,
    related: viaVariable ? [{ node: found.literal, message: `the region ${from.region} is set here` }] : undefined,
    data: {
      region: from.region,
      place: from.place,
      api: text(call.callee),
      intensity: from.intensity,
      alternative: alt.region,
      altPlace: alt.place,
      scope: better.scope,
      altIntensity: alt.intensity,
      source: REGION_SOURCES[found.provider],
    },
    fix: {
      safety: 'unsafe',
      title: `Use ${alt.region} (${alt.intensity} gCO2e/kWh)`,
      edits: [replaceNode(found.literal, sameQuotes(text(found.literal), alt.region))],
    },
  });
}

export const highCarbonRegion: Rule = {
  meta: {
    code: 'FRG501',
    name: 'high-carbon-region',
    category: 'infrastructure',
    severity: 'info',
    summary: 'Cloud region on a carbon-intensive grid when the same provider has a region at least 30 % cleaner nearby',
    messages: {
      default:
        'Region {region} ({place}), passed to `{api}`, runs on a grid of {intensity} gCO2e/kWh; {alternative} ({altPlace}) {scope} is at {altIntensity} gCO2e/kWh (source: {source})',
    },
    fixTitle: 'Use the lower-carbon region',
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks the region literal given to cloud ML APIs — Vertex AI (`aiplatform.init(location=...)`, `aiplatform.CustomJob(..., location=...)`, `CustomTrainingJob`, `vertexai.init`), AWS (`boto3.client/resource("sagemaker"|"sagemaker-runtime"|"bedrock-runtime"|"ec2"|"batch", region_name=...)`, a `boto3.Session(region_name=...)` in a SageMaker script, `sagemaker.image_uris.retrieve(..., region=...)`) and Azure ML (`Workspace.create(location=...)`, `AmlCompute.provisioning_configuration(location=...)`, `azure.ai.ml.entities.Workspace/AmlCompute(location=...)`) — following variables such as `REGION = "us-east1"`. It reports a region whose grid averages more than 400 gCO2e/kWh when the same provider has a region with at most 70 % of that intensity: the cleanest one in the same country if there is one, otherwise on the same continent. Regions read from the environment or arguments, and strings not passed to these APIs, are never reported.',
      whyBad:
        'The same job draws the same energy wherever it runs, but its emissions scale with the carbon intensity of the local grid, which differs more than tenfold between regions of one provider. For a training job that is not tied to a place by its data, moving it is the largest single cut in its operational emissions.',
      evidence:
        'Dodge et al. ("Measuring the Carbon Intensity of AI in Cloud Instances", FAccT 2022) found the choice of region had the largest effect on operational emissions among the options they studied. Google Cloud\'s own figures range from 2 gCO2e/kWh (northamerica-northeast1, Montréal) to 723 (europe-central2, Warsaw). Figures: Google Cloud region carbon data via CodeCarbon (GCP); Green Algorithms location intensities, CC BY 4.0 (AWS, Azure). They are location-based grid averages, not the provider\'s market-based renewable-energy claims, and are several years old; the threshold of 400 gCO2e/kWh sits below the world average of 475 (IEA 2019).',
      example: 'from google.cloud import aiplatform\n\naiplatform.init(project="my-project", location="europe-central2")',
      useInstead: 'from google.cloud import aiplatform\n\n# 34 gCO2e/kWh instead of 723, same continent\naiplatform.init(project="my-project", location="europe-west9")',
      exampleTs: "import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';\n\nconst client = new SageMakerRuntimeClient({ region: 'ap-south-1' });",
      useInsteadTs: "const client = new SageMakerRuntimeClient({ region: 'eu-north-1' });",
      whatItDoesTs: 'TypeScript/JavaScript: the `region` of AWS SDK v3 clients for SageMaker, SageMaker Runtime, Bedrock, EC2, Batch, ECS, Lambda and S3 (`new S3Client({ region: \'ap-south-1\' })`) and of the v2 `new AWS.SageMaker({ region })` services and `AWS.config.update({ region })`; the `location` of `new VertexAI({ project, location })`; and the region inside an `apiEndpoint` of `@google-cloud/aiplatform` clients. S3 is included in TypeScript/JavaScript because it is where such code keeps the training data and models that pull the jobs into the region.',
      fixSafety:
        'Unsafe: moving a job changes where data is stored and processed (data-residency rules, GDPR), which quotas, accelerators and prices apply, and the latency to your data and users; buckets, images and endpoints in the old region do not move with it. Check that the suggested region offers the service and machine types you need.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    return {
      call(call) {
        reportRegion(ctx, (n) => model.text(n), call, regionArgument(model, call));
      },
    };
  },
  createJs: highCarbonRegionJs,
};
