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

import {getRandomInteger, getRandomIntegers} from "./utils";

describe('getRandomInteger()', () => {
  it('max > min', () => {
    const values = [];
    for (let i = 0; i < 10; ++i) {
      const v = getRandomInteger(3, 6);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThan(6);
      if (values.indexOf(v) === -1) {
          values.push(v);
      }
    }
    expect(values.length).toBeGreaterThan(1);
  });
});

describe('getRandomIntegers()', () => {
  it('max > min', () => {
    const values = getRandomIntegers(3, 6, 10);
    expect(values.length).toEqual(10);
    values.forEach(v => {
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThan(6);
    });
  });
});
