// Confidence: a finding is reported by default only where the code also shows the run it slows
// down is large (a real dataset, a sized or pretrained model, a loop over data, code run per
// step); elsewhere it is kept back, and `confidence = "low"` shows it with the uncertainty said.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { readSettings } from '../src/engine/config/pyproject';
import type { Finding } from '../src/engine/types';
import { analyzer, analyzerAllMatches } from './helpers';

const notebook = (...cells: string[]): string =>
  JSON.stringify({ cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

async function both(text: string, file: string, code: string): Promise<{ shown: Finding[]; all: Finding[] }> {
  const pick = (fs: Finding[]) => fs.filter((f) => f.code === code);
  return { shown: pick((await analyzer()).analyze(text, { path: file }).findings), all: pick((await analyzerAllMatches()).analyze(text, { path: file }).findings) };
}

async function expectLow(text: string, file: string, code: string): Promise<void> {
  const { shown, all } = await both(text, file, code);
  assert.deepEqual(shown, [], `${code} reported by default`);
  assert.equal(all.length, 1, `${code} not found at all`);
  assert.equal(all[0].confidence, 'low');
  assert.match(all[0].message, /\(low confidence: /);
}

async function expectHigh(text: string, file: string, code: string): Promise<void> {
  const { shown } = await both(text, file, code);
  assert.equal(shown.length, 1, `${code} not reported by default`);
  assert.equal(shown[0].confidence, undefined);
  assert.doesNotMatch(shown[0].message, /low confidence/);
}

const KERAS_FIT = `model = keras.Sequential([keras.layers.Dense(256, activation="relu"), keras.layers.Dense(10)])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=50, validation_split=0.1)
`;

describe('missing-early-stopping', () => {
  test('a fit on data the code makes up is low confidence', () =>
    expectLow(`import numpy as np\nfrom tensorflow import keras\nx_train = np.random.rand(200, 8)\ny_train = np.random.randint(0, 10, 200)\n${KERAS_FIT}`, 'toy.py', 'FRG101'));
  test('a fit on a folder of images is reported', () =>
    expectHigh(`from tensorflow import keras\nx_train = keras.utils.image_dataset_from_directory("data/train")\ny_train = None\n${KERAS_FIT}`, 'folder.py', 'FRG101'));
  test('a teaching benchmark alone (Fashion-MNIST) is no sign of a large run', () =>
    expectLow(`from tensorflow import keras\n(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()\nx_train = x_train / 255.0\n${KERAS_FIT}`, 'mnist.py', 'FRG101'));
  test('a script configured from the command line is reported', () =>
    expectHigh(`import argparse\nimport numpy as np\nfrom tensorflow import keras\nargs = argparse.ArgumentParser().parse_args()\nx_train = np.load("x.npy")\ny_train = np.load("y.npy")\n${KERAS_FIT}`, 'train.py', 'FRG101'));
  test('in a notebook the evidence must reach the fit itself, not sit in another cell', async () => {
    const other = 'from tensorflow import keras\nimport numpy as np\nimport tensorflow_datasets as tfds\nx_big, y_big = tfds.as_numpy(tfds.load("imagenet2012", split="train", batch_size=-1, as_supervised=True))\n';
    await expectLow(notebook(other, 'x_train = np.random.rand(200, 8)\ny_train = np.random.randint(0, 10, 200)\n', KERAS_FIT), 'lesson.ipynb', 'FRG101');
    await expectHigh(notebook(other, 'x_train, y_train = x_big / 255.0, y_big\n', KERAS_FIT), 'lesson.ipynb', 'FRG101');
  });
});

describe('graph benchmarks', () => {
  const gnn = (dataset: string) =>
    `import argparse\nimport torch\nfrom torch_geometric.datasets import ${dataset.split('(')[0]}\nparser = argparse.ArgumentParser()\nparser.add_argument("--epochs", type=int, default=200)\nargs = parser.parse_args()\ndevice = torch.device("cuda")\nmodel = model.to(device)\ndata = ${dataset}[0].to(device)\nfor epoch in range(args.epochs):\n    optimizer.zero_grad()\n    loss = torch.nn.functional.cross_entropy(model(data.x, data.edge_index)[data.train_mask], data.y[data.train_mask])\n    loss.backward()\n    optimizer.step()\n    print(loss.item())\n`;
  test('a small graph benchmark is a small run, even launched with options', () => expectLow(gnn('Planetoid("data", "Cora")'), 'gcn.py', 'FRG111'));
  test('a large graph is not', () => expectHigh(gnn('Reddit("data")'), 'sage.py', 'FRG111'));
  test('nor is one of the larger TUDataset sets', async () => {
    await expectLow(gnn('TUDataset("data", "MUTAG")'), 'mutag.py', 'FRG111');
    await expectHigh(gnn('TUDataset("data", "COLORS-3")'), 'colors.py', 'FRG111');
  });
});

describe('teaching benchmarks cut to a subset', () => {
  const subset = (indices: string) =>
    `import argparse\nimport torch\nfrom torch.utils.data import DataLoader, Subset\nfrom torchvision.datasets.mnist import FashionMNIST\nfrom torchvision.transforms import ToTensor\nargs = argparse.ArgumentParser().parse_args()\ndevice = torch.device("cuda")\nmodel = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(device)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\ntrain = Subset(FashionMNIST(".", download=True, transform=ToTensor()), ${indices})\nfor epoch in range(10):\n    for x, y in DataLoader(train, batch_size=64):\n        optimizer.zero_grad()\n        loss = torch.nn.functional.cross_entropy(model(x.to(device)), y.to(device))\n        loss.backward()\n        optimizer.step()\n        print(loss.item())\n`;
  test('MNIST cut to 3,000 images is a small run, even launched with options', () => expectLow(subset('range(3000)'), 'subset.py', 'FRG111'));
  test('cut to 50,000 it is not', () => expectHigh(subset('range(50000)'), 'most.py', 'FRG111'));
});

describe('Lightning runs', () => {
  const lightning = (args: string) =>
    `import lightning as L\nimport torch\nfrom torch import nn\n\nclass Net(L.LightningModule):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Linear(784, 128)\n\n    def training_step(self, batch, i):\n        return nn.functional.cross_entropy(self.net(batch[0]), batch[1])\n\n    def validation_step(self, batch, i):\n        self.log("val_loss", nn.functional.cross_entropy(self.net(batch[0]), batch[1]))\n\ntrainer = L.Trainer(${args})\ntrainer.fit(Net(), train_loader, val_loader)\n`;
  test('a short Trainer on one device is no sign of a large run', () => expectLow(lightning('max_epochs=20'), 'short.py', 'FRG101'));
  test('a Trainer over several devices is', () => expectHigh(lightning('max_epochs=20, devices=4, strategy="ddp"'), 'ddp.py', 'FRG101'));
  test('so is a Trainer for 50 epochs or more', () => expectHigh(lightning('max_epochs=180'), 'long.py', 'FRG101'));
});

describe('search-without-pruning', () => {
  const search = (data: string) =>
    `import optuna\nimport xgboost as xgb\n${data}\n\ndef objective(trial):\n    params = {"max_depth": trial.suggest_int("max_depth", 2, 10)}\n    booster = xgb.train(params, dtrain, num_boost_round=500)\n    return booster.best_score\n\nstudy = optuna.create_study()\nstudy.optimize(objective, n_trials=100)\n`;
  test('a search over a bundled table is low confidence', () =>
    expectLow(search('from sklearn.datasets import load_breast_cancer\nX, y = load_breast_cancer(return_X_y=True)\ndtrain = xgb.DMatrix(X, label=y)'), 'toy_search.py', 'FRG203'));
  test('a few rows sliced off a Hugging Face split are no sign of a large run', async () => {
    const hf = (split: string) => search(`import datasets\ntable = datasets.load_dataset("scikit-learn/adult-census-income", split="${split}").to_pandas()\ndtrain = xgb.DMatrix(table.drop(columns="income"), label=table["income"])`);
    await expectLow(hf('train[:150]'), 'sliced.py', 'FRG203');
    await expectHigh(hf('train[:90%]'), 'most.py', 'FRG203');
  });
  test('a search over a dataset read from files is reported', () =>
    expectHigh(search('import datasets\ntable = datasets.load_dataset("scikit-learn/adult-census-income", split="train").to_pandas()\ndtrain = xgb.DMatrix(table.drop(columns="income"), label=table["income"])'), 'search.py', 'FRG203'));
});

describe('dataloader-single-process', () => {
  const loader = (dataset: string, extra = '') => `import torch\nfrom torch.utils.data import DataLoader, Dataset\nfrom torchvision import datasets, transforms\nfrom PIL import Image\n${extra}\nloader = DataLoader(${dataset}, batch_size=64, shuffle=True)\nfor x, y in loader:\n    pass\n`;
  test('a folder of images decoded per item is reported', () => expectHigh(loader('datasets.ImageFolder("data/train", transform=transforms.RandomResizedCrop(224))'), 'train.py', 'FRG106'));
  test('a dataset whose items cost nothing visible is low confidence', () =>
    expectLow(loader('Points()', 'class Points(Dataset):\n    def __len__(self):\n        return 100\n    def __getitem__(self, i):\n        return torch.rand(3), torch.rand(1).round()\n'), 'points.py', 'FRG106'));
  test('a dataset that opens an image in __getitem__ is reported', () =>
    expectHigh(loader('Photos(["a.jpg"])', 'class Photos(Dataset):\n    def __init__(self, files):\n        self.files = files\n    def __len__(self):\n        return len(self.files)\n    def __getitem__(self, i):\n        return Image.open(self.files[i])\n'), 'photos.py', 'FRG106'));
});

describe('python-loop-over-array', () => {
  const loop = (source: string) => `import numpy as np\nimport pandas as pd\n${source}\nout = np.zeros(len(a))\nfor i in range(len(a)):\n    out[i] = a[i] * 2.0 + 1.0\n`;
  test('a loop over a few numbers made in the code is low confidence', () => expectLow(loop('a = np.random.rand(50)'), 'demo.py', 'FRG304'));
  test('a loop over a column read from a file is reported', () => expectHigh(loop('a = pd.read_csv("prices.csv")["close"].to_numpy()'), 'prices.py', 'FRG304'));
  test('a written-down extent of a million elements is reported', () =>
    expectHigh('import numpy as np\na = np.random.rand(1000000)\nout = np.zeros(1000000)\nfor i in range(1000000):\n    out[i] = a[i] * 2.0\n', 'big.py', 'FRG304'));
});

describe('tensor-created-then-moved', () => {
  const script = (body: string) => `import torch\ndevice = torch.device("cuda")\nmodel = torch.nn.Linear(512, 512).to(device)\n${body}`;
  test('once per call before the function\'s own loop is low confidence', () =>
    expectLow(script('class Evaluator:\n    def run(self, loader):\n        mask = torch.ones(512).to(device)\n        for x in loader:\n            model(x.to(device) * mask)\n'), 'eval.py', 'FRG108'));
  test('at every step of a loop is reported', () =>
    expectHigh(script('for step in range(10000):\n    noise = torch.randn(64, 512).to(device)\n    model(noise).sum().backward()\n'), 'loop.py', 'FRG108'));
});

test('confidence is a setting: "low" shows every match, anything else warns', () => {
  assert.equal(readSettings({ confidence: 'low' }, '[tool.frugal]').settings.confidence, 'low');
  const bad = readSettings({ confidence: 'medium' }, '[tool.frugal]');
  assert.equal(bad.settings.confidence, 'high');
  assert.match(bad.warnings[0], /confidence must be "high" or "low"/);
});

describe('data rules', () => {
  test('a row-wise apply on a frame of a few rows made in the code is low confidence', () =>
    expectLow('import numpy as np\nimport pandas as pd\nframe = pd.DataFrame(np.random.standard_normal((4, 3)), columns=list("bde"))\nframe["r"] = frame.apply(lambda x: x.max() - x.min(), axis=1)\n', 'demo.py', 'FRG302'));
  test('a grid search on a classic small table is low confidence, also fetched from a URL', () =>
    expectLow(
      'import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\ndf = pd.read_csv("https://archive.ics.uci.edu/ml/machine-learning-databases/breast-cancer-wisconsin/wdbc.data", header=None)\nX, y = df.loc[:, 2:].values, df.loc[:, 1].values\ngs = GridSearchCV(SVC(), param_grid={"C": [0.01, 0.1, 1, 10, 100, 1000], "gamma": [0.01, 0.1, 1, 10, 100, 1000]}, cv=10)\ngs.fit(X, y)\n',
      'search.py',
      'FRG201',
    ));
  test('an in-memory tf.data pipeline without a sign of a large run is low confidence; one that reads files is reported', async () => {
    const fit = 'model = tf.keras.Sequential([tf.keras.layers.Dense(10)])\nmodel.compile(loss="mse")\nmodel.fit(ds, epochs=5)\n';
    const memory = await both(`import numpy as np\nimport tensorflow as tf\nx = np.random.rand(60000, 28, 28, 1)\nds = tf.data.Dataset.from_tensor_slices(x).map(tf.image.random_flip_left_right).batch(128)\n${fit}`, 'memory.py', 'FRG306');
    assert.deepEqual(memory.shown, []);
    assert.ok(memory.all.length >= 1 && memory.all.every((f) => f.confidence === 'low'));
    const files = await both(`import tensorflow as tf\nds = tf.data.TFRecordDataset(tf.io.gfile.glob("data/*.tfrecord")).map(tf.io.parse_tensor).batch(128)\n${fit}`, 'records.py', 'FRG306');
    assert.ok(files.shown.length >= 1 && files.shown.every((f) => f.confidence === undefined));
  });
  test('unread columns of a CSV that is not on disk are low confidence', () =>
    expectLow('import pandas as pd\ndf = pd.read_csv("data/not_here.csv")\nprint(df["amount"].sum())\n', 'cols.py', 'FRG307'));
  test('unread columns of a CSV of a few MB are low confidence; of a larger one, reported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frugal-cols-'));
    try {
      const rows = (n: number) => 'id,amount,customer,notes,region,channel\n' + '1,9.99,c0001,some free text that is never read,EU,web\n'.repeat(n);
      writeFileSync(path.join(dir, 'modest.csv'), rows(40_000));
      writeFileSync(path.join(dir, 'large.csv'), rows(400_000));
      const code = (name: string) => `import pandas as pd\ndf = pd.read_csv("${name}")\nprint(df["amount"].sum())\n`;
      await expectLow(code('modest.csv'), path.join(dir, 'modest.py'), 'FRG307');
      await expectHigh(code('large.csv'), path.join(dir, 'large.py'), 'FRG307');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the reason for low confidence is said', () => {
  test('each row sent through an object a library made (a pipeline) is low confidence, and says why', async () => {
    const text = 'import pandas as pd\nfrom transformers import pipeline\nclf = pipeline("sentiment-analysis")\ndf = pd.read_csv("reviews.csv")\nscores = []\nfor _, row in df.iterrows():\n    scores.append(clf(row["text"])[0]["score"])\n';
    await expectLow(text, 'rows.py', 'FRG301');
    const { all } = await both(text, 'rows.py', 'FRG301');
    assert.match(all[0].message, /low confidence: each row goes through a library call/);
  });
  test('a fit without validation data says that nothing could stop it', async () => {
    const text = `import argparse\nimport numpy as np\nfrom tensorflow import keras\nargs = argparse.ArgumentParser().parse_args()\nx_train, y_train = np.load("x.npy"), np.load("y.npy")\nmodel = keras.Sequential([keras.layers.Dense(256), keras.layers.Dense(10)])\nmodel.compile(loss="mse")\nmodel.fit(x_train, y_train, epochs=500)\n`;
    await expectLow(text, 'noval.py', 'FRG101');
    const { all } = await both(text, 'noval.py', 'FRG101');
    assert.match(all[0].message, /low confidence: with no validation data/);
  });
});
