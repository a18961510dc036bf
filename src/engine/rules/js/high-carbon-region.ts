// FRG501 in TypeScript/JavaScript: cloud SDK clients given a literal region — AWS SDK v3 clients
// (`new SageMakerRuntimeClient({ region })`, S3, Bedrock, EC2, Batch, Lambda), the v2 `AWS.*`
// services and `AWS.config.update`, Vertex AI (`new VertexAI({ location })`, aiplatform endpoints).
import type { JsModel } from '../../model/js-model';
import type { CallSite } from '../../model/model';
import { type RegionArgument, reportRegion } from '../infrastructure/high-carbon-region';
import type { JsRuleContext, Visitor } from '../rule';

/** AWS SDK v3 packages whose clients run ML compute or hold its data. */
const AWS_V3 = /^@aws-sdk\/client-(sagemaker|sagemaker-runtime|bedrock|bedrock-runtime|bedrock-agent-runtime|ec2|batch|s3|lambda|ecs)\./;
/** AWS SDK v2 services, `new AWS.SageMaker({ region })`. */
const AWS_V2 = new Set(['SageMaker', 'SageMakerRuntime', 'EC2', 'Batch', 'S3', 'Lambda', 'ECS']);

function literalOption(model: JsModel, call: CallSite, key: string): { arg: import('../../parse/syntax').SNode; literal: import('../../parse/syntax').SNode; value: string } | undefined {
  const v = call.kwargs.get(key);
  if (!v) return undefined;
  const r = model.resolve(v);
  if (r.kind !== 'string' || (r.node.type !== 'Literal' && r.node.type !== 'TemplateLiteral')) return undefined;
  return { arg: v.node, literal: r.node, value: r.value };
}

function regionArgument(model: JsModel, call: CallSite): RegionArgument | undefined {
  const q = call.qualified ?? '';
  const isNew = call.node.type === 'NewExpression';
  if (isNew && (AWS_V3.test(q) || (/^aws-sdk\.\w+$/.test(q) && AWS_V2.has(q.split('.')[1])))) {
    const found = literalOption(model, call, 'region');
    return found && { provider: 'aws', arg: found.arg, literal: found.literal, region: found.value };
  }
  if (q === 'aws-sdk.config.update') {
    const found = literalOption(model, call, 'region');
    return found && { provider: 'aws', arg: found.arg, literal: found.literal, region: found.value };
  }
  if (isNew && q === '@google-cloud/vertexai.VertexAI') {
    const found = literalOption(model, call, 'location');
    return found && { provider: 'gcp', arg: found.arg, literal: found.literal, region: found.value };
  }
  if (isNew && q.startsWith('@google-cloud/aiplatform.')) {
    // apiEndpoint: 'europe-central2-aiplatform.googleapis.com'
    const found = literalOption(model, call, 'apiEndpoint');
    const m = found && /^([a-z]+-[a-z]+\d+)-aiplatform\.googleapis\.com$/.exec(found.value);
    return found && m ? { provider: 'gcp', arg: found.arg, literal: found.literal, region: m[1] } : undefined;
  }
  return undefined;
}

export function highCarbonRegionJs(ctx: JsRuleContext): Visitor {
  const { model } = ctx;
  return {
    call(call) {
      const found = regionArgument(model, call);
      if (!found) return;
      // The aiplatform endpoint carries the region inside a longer string: replace only the region.
      if (found.literal && model.text(found.literal).includes('-aiplatform.')) {
        reportRegion(
          {
            report: (r) => {
              const t = model.text(found.literal);
              const alt = /^Use (\S+)/.exec(r.fix?.title ?? '')?.[1];
              if (r.fix && alt) r.fix.edits = [{ start: found.literal.start, end: found.literal.end, text: t.replace(found.region, alt) }];
              ctx.report(r);
            },
          },
          (n) => model.text(n),
          call,
          found,
        );
        return;
      }
      reportRegion(ctx, (n) => model.text(n), call, found);
    },
  };
}
