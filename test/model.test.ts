// The module model: imports → qualified names, call sites, values and origins, contexts,
// request handlers and CUDA evidence.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ModuleModel } from '../src/engine/model/model';
import { PythonParser } from '../src/engine/parse/python';

let parser: PythonParser;
before(async () => {
  parser = await PythonParser.create();
});

function model(src: string): ModuleModel {
  return new ModuleModel(parser.parse(src), false);
}

describe('imports and qualified names', () => {
  test('aliases, from-imports, nested and conditional imports', () => {
    const m = model(`import torch.utils.data as tud
from sklearn.model_selection import GridSearchCV as GS
import numpy as np, pandas
try:
    import tensorflow as tf
except ImportError:
    tf = None
def f():
    from xgboost import XGBClassifier
    return XGBClassifier(n_estimators=10)
tud.DataLoader(ds)
GS(est, grid)
np.random.rand(3)
pandas.read_csv("x.csv")
tf.keras.callbacks.EarlyStopping()
import pytorch_lightning as pl
pl.Trainer()
`);
    assert.deepEqual(
      m.calls.map((c) => c.qualified),
      ['xgboost.XGBClassifier', 'torch.utils.data.DataLoader', 'sklearn.model_selection.GridSearchCV', 'numpy.random.rand', 'pandas.read_csv', 'keras.callbacks.EarlyStopping', 'lightning.Trainer'],
    );
  });

  test('`import a.b` binds `a`; unknown names stay unresolved', () => {
    const m = model('import torch.nn\ntorch.nn.Linear(2, 3)\nfoo.bar()\n');
    assert.deepEqual(m.calls.map((c) => c.qualified), ['torch.nn.Linear', undefined]);
  });
});

describe('values and origins', () => {
  test('literals, module constants and keyword/positional arguments', () => {
    const m = model(`PATH = "data/x.csv"
EPOCHS = 1_000
import pandas as pd
pd.read_csv(PATH, sep=";", nrows=-5, usecols=["a", "b"], dtype={"a": float}, low_memory=False, header=None)
`);
    const c = m.calls[0];
    assert.deepEqual(m.resolve(c.args[0]).kind === 'string' && m.resolve(c.args[0]), { kind: 'string', value: 'data/x.csv', node: m.resolve(c.args[0]).node });
    assert.equal(c.kwargs.get('sep')?.kind, 'string');
    assert.deepEqual(c.kwargs.get('nrows')?.kind === 'number' && c.kwargs.get('nrows'), { kind: 'number', value: -5, node: c.kwargs.get('nrows')!.node });
    assert.equal(c.kwargs.get('usecols')?.kind, 'list');
    assert.equal(c.kwargs.get('dtype')?.kind, 'dict');
    assert.equal(c.kwargs.get('low_memory')?.kind, 'bool');
    assert.equal(c.kwargs.get('header')?.kind, 'none');
  });

  test('variable origins follow assignments in scope, including list variables', () => {
    const m = model(`from tensorflow import keras
from keras.callbacks import EarlyStopping
def build():
    return keras.Sequential([keras.layers.Dense(1)])
cbs = [EarlyStopping(patience=3)]
model = build()
model.fit(x, y, epochs=50, callbacks=cbs)
`);
    const fit = m.calls.find((c) => c.name === 'fit')!;
    assert.deepEqual(m.typesOf(fit.receiver), ['keras.Sequential']);
    const cbs = m.resolve(fit.kwargs.get('callbacks')!);
    assert.equal(cbs.kind, 'list');
    assert.equal(cbs.kind === 'list' && cbs.items[0].kind === 'call' && cbs.items[0].call.qualified, 'keras.callbacks.EarlyStopping');
  });

  test('local classes expose their resolved bases; .to()/.cuda() are seen through', () => {
    const m = model(`import torch.nn as nn
class Net(nn.Module):
    pass
net = Net().to("cuda")
net(x)
`);
    const call = m.calls.find((c) => m.text(c.callee) === 'net')!;
    assert.deepEqual(m.typesOf(call.callee), ['Net', 'torch.nn.Module']);
  });
});

describe('f-strings and method chains', () => {
  test('an f-string whose interpolations resolve is a string; otherwise a template', () => {
    const m = model(`BASE = "runs"
RANK = 0
name = "resnet"
def save(model, step):
    torch.save(model, f"{BASE}/{name}-{RANK}.pt")
    torch.save(model, f"{BASE}/step_{step}.pt")
    torch.save(model, f"{{BASE}}\\t{BASE!r}" "/x")
    torch.save(model, f"{BASE}/" f"{step}" ".pt")
    torch.save(model, rf"{BASE}\\n")
`);
    const paths = m.calls.filter((c) => c.name === 'save').map((c) => c.args[1]);
    assert.deepEqual(paths[0].kind === 'string' && paths[0].value, 'runs/resnet-0.pt');
    assert.deepEqual(paths[1].kind === 'unknown' && paths[1].template, 'runs/step_{}.pt');
    assert.deepEqual(paths[2].kind === 'unknown' && paths[2].template, '{BASE}\t{}/x');
    assert.deepEqual(paths[3].kind === 'unknown' && paths[3].template, 'runs/{}.pt');
    assert.deepEqual(paths[4].kind === 'string' && paths[4].value, 'runs\\n', 'raw: backslashes kept');
  });

  test('a name assigned from itself in an f-string does not loop', () => {
    const m = model(`def f(path):
    path = f"{path}/x"
    open(path)
`);
    assert.equal(m.resolve(m.calls[0].args[0]).kind, 'unknown');
  });

  test('chainStart skips the methods it is told to', () => {
    const m = model(`import torch
torch.zeros(3).float().half().to("cuda")
`);
    const to = m.calls.find((c) => c.name === 'to')!;
    const half = m.callSite(to.receiver!);
    assert.equal(m.chainStart(half, new Set(['float', 'half'])).qualified, 'torch.zeros');
    assert.equal(m.chainStart(half, new Set(['half'])).name, 'float');
  });
});

describe('context', () => {
  test('loops (body only), with blocks, functions and classes', () => {
    const m = model(`import torch
class Svc:
    def predict(self, xs):
        for x in load(xs):
            with torch.no_grad():
                out = [self.model(i) for i in x]
        return out
`);
    const load = m.calls.find((c) => c.name === 'load')!;
    assert.equal(m.context(load.node).loops.length, 0, 'the iterable runs once');
    const fwd = m.calls.find((c) => c.name === 'model')!;
    const ctx = m.context(fwd.node);
    assert.deepEqual(ctx.loops.map((l) => l.kind), ['comprehension', 'for']);
    assert.deepEqual(ctx.loops[1].targets, ['x']);
    assert.deepEqual(ctx.withs.map((w) => w.managers), [['torch.no_grad']]);
    assert.equal(ctx.func?.name, 'predict');
    assert.equal(ctx.cls?.name, 'Svc');
  });

  test('request handlers of FastAPI, Flask, Django and Lambda', () => {
    const m = model(`from fastapi import FastAPI
import flask
app = FastAPI()
bp = flask.Blueprint("x", __name__)
@app.post("/predict")
async def predict(req): ...
@bp.route("/score")
def score(): ...
@other.get("/x")
def on_imported_app(): ...
def lambda_handler(event, context): ...
def helper(a, b): ...
`);
    const kinds = Object.fromEntries(m.functions.map((f) => [f.name, f.handler]));
    assert.deepEqual(kinds, { predict: 'fastapi', score: 'flask', on_imported_app: 'fastapi', lambda_handler: 'lambda', helper: undefined });
  });
});

describe('CUDA evidence', () => {
  const cases: [string, boolean][] = [
    ['import torch\nx = torch.zeros(1).cuda()\n', true],
    ['import torch\ndevice = torch.device("cuda:0")\n', true],
    ['import torch\nd = "cuda" if torch.cuda.is_available() else "cpu"\n', true],
    ['import lightning as L\nL.Trainer(accelerator="gpu")\n', true],
    ['import tensorflow as tf\ntf.config.list_physical_devices("GPU")\n', true],
    ['import torch\ndevice = torch.device("cpu")\n# cuda is not used here\n', false],
    ['print("cudagraphs are neat")\n', false],
  ];
  for (const [src, expected] of cases) {
    test(`${expected ? 'found' : 'absent'}: ${src.split('\n')[1]}`, () => assert.equal(model(src).evidence.cuda, expected));
  }
});
