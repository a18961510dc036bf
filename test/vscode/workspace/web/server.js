const express = require('express');
const ort = require('onnxruntime-node');

const app = express();

app.post('/predict', async (req, res) => {
  const session = await ort.InferenceSession.create('model.onnx', { enableProfiling: true });
  const out = await session.run({ input: new ort.Tensor('float32', req.body.x, [1, 4]) });
  res.json(out.output.data);
});

app.listen(3000);
