// Shared AWS clients for the recommender: real-time endpoint, training data and
// model artefacts. Imported by the API and by the nightly jobs.
import { SageMakerRuntimeClient, InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { SageMakerClient, DescribeEndpointCommand } from '@aws-sdk/client-sagemaker';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const ENDPOINT_NAME = process.env.SM_ENDPOINT ?? 'recsys-two-tower-prod';
// Only used in the runbook link below. OK: not passed to any client.
const DR_REGION = 'ap-south-1';

export const runtime = new SageMakerRuntimeClient({
  region: 'ap-south-1', // FRG501
  maxAttempts: 3,
});

// OK: region comes from the environment.
export const control = new SageMakerClient({ region: process.env.AWS_REGION });

// Raw click logs land in the Mumbai bucket.
export const dataBucket = new S3Client({
  region: 'ap-south-1', // FRG501
  forcePathStyle: false,
});

// OK: Stockholm and Paris are low-carbon grids.
export const artefacts = new S3Client({ region: 'eu-north-1' });
export const archive = new S3Client({ region: 'eu-west-3' });

export async function recommend(userIds: string[], k = 20) {
  // OK: one invocation for the whole batch of users.
  const body = JSON.stringify({ instances: userIds.map((id) => ({ user_id: id, k })) });
  const res = await runtime.send(
    new InvokeEndpointCommand({
      EndpointName: ENDPOINT_NAME,
      ContentType: 'application/json',
      Accept: 'application/json',
      Body: new TextEncoder().encode(body),
    }),
  );
  return JSON.parse(new TextDecoder().decode(res.Body)).predictions as string[][];
}

export async function endpointStatus() {
  const out = await control.send(new DescribeEndpointCommand({ EndpointName: ENDPOINT_NAME }));
  return { status: out.EndpointStatus, runbook: `https://wiki.internal/dr/${DR_REGION}` };
}

export async function readJsonl(key: string) {
  const obj = await dataBucket.send(new GetObjectCommand({ Bucket: 'recsys-clicks', Key: key }));
  const text = await obj.Body!.transformToString();
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export async function publishModel(version: string, bytes: Uint8Array) {
  await artefacts.send(
    new PutObjectCommand({ Bucket: 'recsys-models', Key: `two-tower/${version}/model.tar.gz`, Body: bytes }),
  );
}
