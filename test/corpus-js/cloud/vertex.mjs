// Vertex AI clients used by the content pipeline: Gemini for captions,
// the online prediction endpoint for the tagger, and custom jobs for retraining.
import { VertexAI } from '@google-cloud/vertexai';
import aiplatform from '@google-cloud/aiplatform';

const { PredictionServiceClient, JobServiceClient } = aiplatform.v1;
const PROJECT = process.env.GCP_PROJECT ?? 'content-pipeline-prod';

const vertex = new VertexAI({
  project: PROJECT,
  location: 'europe-central2', // FRG501
});
export const captioner = vertex.getGenerativeModel({ model: 'gemini-1.5-flash-002' });

// OK: regional endpoint in Paris (low-carbon grid).
export const predictions = new PredictionServiceClient({
  apiEndpoint: 'europe-west9-aiplatform.googleapis.com',
});

// Retraining jobs run next to the Warsaw data.
export const jobs = new JobServiceClient({
  apiEndpoint: 'europe-central2-aiplatform.googleapis.com', // FRG501
});

// OK: location picked by the caller's environment.
export const regionalVertex = new VertexAI({ project: PROJECT, location: process.env.VERTEX_LOCATION });

const TAGGER_ENDPOINT = `projects/${PROJECT}/locations/europe-west9/endpoints/4821093377`;

export async function caption(imageUri) {
  const res = await captioner.generateContent({
    contents: [{ role: 'user', parts: [{ fileData: { fileUri: imageUri, mimeType: 'image/jpeg' } }, { text: 'One-line alt text.' }] }],
  });
  return res.response.candidates?.[0]?.content.parts[0].text ?? '';
}

export async function tag(imagesB64) {
  // OK: all images in one predict request.
  const [res] = await predictions.predict({
    endpoint: TAGGER_ENDPOINT,
    instances: imagesB64.map((content) => ({ structValue: { fields: { content: { stringValue: content } } } })),
  });
  return res.predictions;
}

export async function launchRetrain(imageUri, args) {
  // OK: a resource path, not one of the client options the rule reads (the region is set on `jobs`).
  const parent = `projects/${PROJECT}/locations/europe-central2`;
  const [job] = await jobs.createCustomJob({
    parent,
    customJob: {
      displayName: `tagger-retrain-${Date.now()}`,
      jobSpec: {
        workerPoolSpecs: [{
          machineSpec: { machineType: 'n1-standard-8', acceleratorType: 'NVIDIA_TESLA_T4', acceleratorCount: 1 },
          replicaCount: 1,
          containerSpec: { imageUri, args },
        }],
      },
    },
  });
  return job.name;
}
