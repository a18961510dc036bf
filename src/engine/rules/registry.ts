// Every rule, one line each, in code order. Adding a rule: its file, this line, a fixture.
import type { Rule } from './rule';
import { missingEarlyStopping } from './training/missing-early-stopping';
import { noMixedPrecision } from './training/no-mixed-precision';
import { float64Training } from './training/float64-training';
import { trainingFromScratch } from './training/training-from-scratch';
import { debugApiEnabled } from './training/debug-api-enabled';
import { dataloaderSingleProcess } from './training/dataloader-single-process';
import { dataloaderUnpinnedMemory } from './training/dataloader-unpinned-memory';
import { tensorCreatedThenMoved } from './training/tensor-created-then-moved';
import { numpyBuiltTensor } from './training/numpy-built-tensor';
import { convBiasBeforeBatchnorm } from './training/conv-bias-before-batchnorm';
import { hostSyncInTrainingLoop } from './training/host-sync-in-training-loop';
import { fullFinetuneWithoutPeft } from './training/full-finetune-without-peft';
import { noCheckpointing } from './training/no-checkpointing';
import { tokenizeInTrainingLoop } from './training/tokenize-in-training-loop';
import { gpuCpuRoundtrip } from './training/gpu-cpu-roundtrip';
import { exhaustiveGridSearch } from './search/exhaustive-grid-search';
import { nestedLoopHyperparameterSearch } from './search/nested-loop-hyperparameter-search';
import { searchWithoutPruning } from './search/search-without-pruning';
import { dataframeRowIteration } from './data/dataframe-row-iteration';
import { dataframeRowApply } from './data/dataframe-row-apply';
import { pandasLargeDataset } from './data/pandas-large-dataset';
import { pythonLoopOverArray } from './data/python-loop-over-array';
import { growingArrayInLoop } from './data/growing-array-in-loop';
import { tfDataWithoutPrefetch } from './data/tf-data-without-prefetch';
import { readAllColumns } from './data/read-all-columns';
import { inferenceWithoutNoGrad } from './inference/inference-without-no-grad';
import { modelLoadedPerRequest } from './inference/model-loaded-per-request';
import { modelLoadedInLoop } from './inference/model-loaded-in-loop';
import { unbatchedInference } from './inference/unbatched-inference';
import { highCarbonRegion } from './infrastructure/high-carbon-region';
import { fullPrecisionInference } from './inference/full-precision-inference';
import { tensorLeakInLoop } from './inference/tensor-leak-in-loop';
import { blockingReadbackInLoop } from './inference/blocking-readback-in-loop';
import { kvCacheDisabled } from './inference/kv-cache-disabled';
import { distilledModelAvailable } from './inference/distilled-model-available';
import { eagerModelServing } from './inference/eager-model-serving';
import { slowTfjsBackend } from './infrastructure/slow-tfjs-backend';

export const RULES: readonly Rule[] = [
  missingEarlyStopping,
  noMixedPrecision,
  float64Training,
  trainingFromScratch,
  debugApiEnabled,
  dataloaderSingleProcess,
  dataloaderUnpinnedMemory,
  tensorCreatedThenMoved,
  numpyBuiltTensor,
  convBiasBeforeBatchnorm,
  hostSyncInTrainingLoop,
  fullFinetuneWithoutPeft,
  noCheckpointing,
  tokenizeInTrainingLoop,
  gpuCpuRoundtrip,
  exhaustiveGridSearch,
  nestedLoopHyperparameterSearch,
  searchWithoutPruning,
  dataframeRowIteration,
  dataframeRowApply,
  pandasLargeDataset,
  pythonLoopOverArray,
  growingArrayInLoop,
  tfDataWithoutPrefetch,
  readAllColumns,
  inferenceWithoutNoGrad,
  modelLoadedPerRequest,
  modelLoadedInLoop,
  unbatchedInference,
  fullPrecisionInference,
  tensorLeakInLoop,
  blockingReadbackInLoop,
  kvCacheDisabled,
  distilledModelAvailable,
  eagerModelServing,
  highCarbonRegion,
  slowTfjsBackend,
];
