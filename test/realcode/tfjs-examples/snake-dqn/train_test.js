/**
 * @license
 * Copyright 2019 Google LLC. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * =============================================================================
 */

// import * as tf from '@tensorflow/tfjs-node';

// import {SnakeGameAgent} from './agent';
// import {SnakeGame} from './snake_game';
// import {train} from './train';

describe('train', () => {
  // it('train', async () => {
  //   // TODO(cais): Add unit test for train.
  //   const game = new SnakeGame({
  //     height: 9,
  //     width: 9,
  //     numFruits: 1,
  //     initLen: 2
  //   });
  //   const agent = new SnakeGameAgent(game, {
  //     replayBufferSize: 1000,
  //     epsilonInit: 1,
  //     epsilonFinal: 0.01,
  //     epsilonDecayFrames: 1000,
  //   });

  //   const gamma = 0.99;
  //   const batchSize = 32;
  //   const learningRate = 1e-3;
  //   const cumulativeRewardThreshold = 0.1;
  //   const syncEveryFrames = 100;

  //   await train(agent, batchSize, gamma, learningRate,
  //       cumulativeRewardThreshold, syncEveryFrames);
  // });
});
