/**
 * @license
 * Copyright 2022 Google LLC. All Rights Reserved.
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

let video, model, stats, adapter, device;
let startInferenceTime, numInferences = 0;
let inferenceTimeSum = 0, lastPanelUpdate = 0;

const imageEl = document.querySelector("img");
const statusEl = document.querySelector("#status");
const canvasEl = document.querySelector("canvas");
const videoWidth = isMobile() ? 480 : 640;
const videoHeight = isMobile() ? 480 : 480;
canvasEl.width = videoWidth;
canvasEl.height = videoHeight;
canvasEl.style.width = `${videoWidth}px`;
canvasEl.style.height = `${videoHeight}px`;
