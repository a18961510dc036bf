// The size of a TensorFlow.js Layers model from the code: `tf.sequential({ layers: [...] })` and
// `model.add(tf.layers.dense({ units, inputShape }))`, layer by layer, each layer's input width
// carried from the one before. Unknown layers or widths make the size unknown.
import type { JsModel } from '../../model/js-model';
import type { CallSite } from '../../model/model';
import type { Value } from '../../model/values';
import type { SNode } from '../../parse/syntax';

function num(model: JsModel, v: Value | undefined): number | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  return r.kind === 'number' ? r.value : undefined;
}

/** An input width the code does not write down (`inputShape: [data.numFeatures]`) is taken as this, as in Python. */
const UNKNOWN_INPUT_WIDTH = 256;

/** The last dimension of `inputShape: [20]` / `batchInputShape: [null, 20]` / `inputDim: 20`. */
function inputWidth(model: JsModel, layer: CallSite): number | undefined {
  const dim = layer.kwargs.get('inputDim');
  if (dim) return num(model, dim) ?? UNKNOWN_INPUT_WIDTH;
  const shape = layer.kwargs.get('inputShape') ?? layer.kwargs.get('batchInputShape');
  if (!shape) return undefined;
  const r = model.resolve(shape);
  if (r.kind !== 'list' || r.items.length === 0) return UNKNOWN_INPUT_WIDTH;
  return num(model, r.items[r.items.length - 1]) ?? UNKNOWN_INPUT_WIDTH;
}

/** Parameters of one layer and its output width, or undefined when the code does not say. */
function layerSize(model: JsModel, layer: CallSite, input: number | undefined): { params: number; out: number | undefined } | undefined {
  const kind = (layer.qualified ?? '').replace(/^tf\.layers\./, '');
  const units = num(model, layer.kwargs.get('units'));
  const inW = inputWidth(model, layer) ?? input;
  switch (kind) {
    case 'dense':
      return units !== undefined && inW !== undefined ? { params: inW * units + units, out: units } : undefined;
    case 'simpleRNN':
      return units !== undefined && inW !== undefined ? { params: (inW + units + 1) * units, out: units } : undefined;
    case 'lstm':
      return units !== undefined && inW !== undefined ? { params: 4 * (inW + units + 1) * units, out: units } : undefined;
    case 'gru':
      return units !== undefined && inW !== undefined ? { params: 3 * (inW + units + 2) * units, out: units } : undefined;
    case 'embedding': {
      const i = num(model, layer.kwargs.get('inputDim'));
      const o = num(model, layer.kwargs.get('outputDim'));
      return i !== undefined && o !== undefined ? { params: i * o, out: o } : undefined;
    }
    case 'conv1d':
    case 'conv2d': {
      const filters = num(model, layer.kwargs.get('filters'));
      const k = layer.kwargs.get('kernelSize');
      const kr = k && model.resolve(k);
      const side = kr?.kind === 'number' ? kr.value : kr?.kind === 'list' ? num(model, kr.items[0]) : undefined;
      const area = side === undefined ? undefined : kind === 'conv1d' ? side : side * side;
      return filters !== undefined && area !== undefined && inW !== undefined ? { params: area * inW * filters + filters, out: filters } : undefined;
    }
    case 'dropout':
    case 'flatten':
    case 'activation':
    case 'maxPooling1d':
    case 'maxPooling2d':
    case 'averagePooling2d':
    case 'globalAveragePooling2d':
    case 'reshape':
      return { params: 0, out: kind === 'flatten' || kind === 'reshape' ? undefined : inW };
    case 'batchNormalization':
      return inW !== undefined ? { params: 4 * inW, out: inW } : undefined;
    default:
      return undefined;
  }
}

/** The layers of a `tf.sequential(...)` model in order, or undefined when they cannot all be seen. */
function layersOf(model: JsModel, made: CallSite, receiver: SNode | undefined): CallSite[] | undefined {
  const out: CallSite[] = [];
  const list = made.kwargs.get('layers');
  if (list) {
    const r = model.resolve(list);
    if (r.kind !== 'list') return undefined;
    for (const item of r.items) {
      if (item.kind !== 'call') return undefined;
      out.push(item.call);
    }
  }
  if (receiver) {
    const name = model.text(receiver);
    for (const c of model.calls) {
      if (c.name !== 'add' || !c.receiver || model.text(c.receiver) !== name) continue;
      const a = c.args[0];
      if (a?.kind !== 'call') return undefined;
      out.push(a.call);
    }
  }
  return out.length ? out : undefined;
}

/** Parameters of the tf.js model `receiver` holds, when every layer's size is written down. */
export function tfjsModelParams(model: JsModel, receiver: SNode): number | undefined {
  const made = model.originCall(receiver);
  if (made?.qualified !== 'tf.sequential') return undefined;
  // Layers added through another name (`const m = tf.sequential(); m.add(...)`) are found by the receiver's name.
  const layers = layersOf(model, made, receiver);
  if (!layers) return undefined;
  let total = 0;
  let width: number | undefined;
  for (const layer of layers) {
    const size = layerSize(model, layer, width);
    if (!size) return undefined;
    total += size.params;
    width = size.out;
  }
  return total;
}

/** Rows of a training tensor written as a literal: `tf.tensor2d([[…], …])` or `tf.tensor2d([…], [6, 1])`. */
export function literalRows(model: JsModel, x: Value | undefined): number | undefined {
  if (!x) return undefined;
  const call = model.originCall(x.node);
  if (!call?.qualified || !/^tf\.tensor[1-6]?d?$/.test(call.qualified)) return undefined;
  const shape = call.args[1] && model.resolve(call.args[1]);
  if (shape?.kind === 'list' && shape.items[0]) return num(model, shape.items[0]);
  const data = call.args[0] && model.resolve(call.args[0]);
  return data?.kind === 'list' ? data.items.length : undefined;
}
