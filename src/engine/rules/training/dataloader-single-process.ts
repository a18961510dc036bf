// FRG106: a PyTorch DataLoader that loads every batch in the training process (`num_workers`
// absent or 0), so the model waits while each batch is read and collated.
import { numberOf } from '../../model/values';
import type { CallSite, ModuleModel } from '../../model/model';
import { type SNode, unparen } from '../../parse/syntax';
import { addImport, addKeyword, compact, replaceNode } from '../fixes';
import type { Rule } from '../rule';
import { augmentsInMemory, collateMovesToDevice, DATALOADERS, datasetKind, heavyItems, livesInModule, readOnce } from './datasets';
import { onlySmallModels } from './model-size';
import { isTestModule } from '../inference/shared';
import { CONFIDENCE_DOCS } from './workload';

const WORKERS = 'min(8, os.cpu_count() or 1)';

/** The whole `name=value` argument around a keyword's value, or the value itself. */
function keywordOf(value: SNode): SNode {
  for (let p = value.parent; p && p.type !== 'argument_list'; p = p.parent) if (p.type === 'keyword_argument') return p;
  return value;
}

export const dataloaderSingleProcess: Rule = {
  meta: {
    code: 'FRG106',
    name: 'dataloader-single-process',
    category: 'training',
    severity: 'warning',
    summary: 'DataLoader without worker processes (`num_workers` absent or 0): batches are prepared in the training loop itself',
    messages: {
      missing: 'DataLoader without `num_workers`: every batch is loaded and collated in the training process while the model waits',
      zero: '`num_workers=0`: every batch is loaded and collated in the training process while the model waits',
      stream:
        'DataLoader over a stream (`IterableDataset` or datapipe) in the training process: worker processes would help, but each would replay the whole stream unless the dataset is sharded across workers (`get_worker_info()`, a datapipe `sharding_filter`)',
    },
    fixTitle: 'Load batches in worker processes (`num_workers=min(8, os.cpu_count() or 1)`)',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `torch.utils.data.DataLoader(...)` with no `num_workers` argument or with `num_workers=0` (by keyword or as the sixth positional argument: `DataLoader(ds, 64, True, None, None, 0)`, whose fix replaces the `0`). Loaders whose ' +
        '`num_workers` is computed (`num_workers=args.workers`) or may come through `**kwargs` are left alone. When the dataset is ' +
        'visible (followed through variables, tuple unpacking of a local function\'s result and the arguments passed for a parameter), ' +
        'in-memory data is left alone: `TensorDataset`, a bare tensor (`torch.from_numpy(array)`, also converted, reshaped or moved: `.type(torch.DoubleTensor)`, `.float()`, `.narrow(0, 0, n).view(-1, block)`, `.to(device)`, also when where it came from is not seen: `train_nid.to(device)`), positions batched into index tensors (`DataLoader(range(n))`, `torch.randperm(n)`, a slice of `mask.nonzero()`), a dataset read back with `torch.load` or built by transformers\' `squad_convert_examples_to_features` (a `TensorDataset` of token ids), lists of tensors, any of these kept in an entry of a dict of splits (`datasets[split] = TensorDataset(...)`, read as `datasets["train"]`), a local `Dataset` whose `__getitem__` only indexes what it ' +
        'holds (also one imported from a module beside the file, `from name_dataset import NameDataset` or `from .data import X`, or from a package below its folder, `gail.ExpertDataset` from `pkg/algo/gail.py`, whose source is read there), and a dataset built from sizes alone (`MyDataset(2048)`), where workers cost more in inter-process copies than they ' +
        'save. So is a loader whose batch is the whole dataset (`DataLoader(dev_set, batch_size=len(dev_set))`): there is no next batch for workers to prepare meanwhile. A stream (`IterableDataset`, torchtext datasets, datapipes, streaming `load_dataset`) is reported without a fix, ' +
        'because each worker would replay the whole stream unless the dataset is sharded. Loaders only looked at — read for one batch ' +
        '(`next(iter(loader))`, `it = iter(loader)` then `next(it)`, `loader.__iter__().__next__()`, also a loader made afresh in each pass of a loop and read once there) or for at most 10 batches (a loop that breaks on its counter: `if ii == 1: break`, as a dataset module\'s `__main__` check does before plotting them), or made in the `__main__` block of a module that defines a dataset class and looped over there only by bodies that show batches to a person (`plt.show()`, `input()`, `pdb.set_trace()`) and handed to nothing else, or looped over by a body that only ' +
        'prints or measures its batches (`print(x.size())`), or never read at all (a function\'s local, a notebook variable no cell uses, or an attribute such as `self.valid_dl = cycle(DataLoader(...))` that neither its file nor any other file of the project names again), loaders whose dataset is built from one of the class\'s own methods (`ExperienceSourceDataset(self.train_batch)`: a generator that steps an environment with the live policy, as in reinforcement learning, which worker processes would copy stale) —, loaders whose `collate_fn` moves each batch to the GPU (also one returned by a local factory: `collate_fn=batcher(device)`) (it would run in the workers, which cannot initialise CUDA there) and files whose models are all small (under 1M parameters, every size written down) are left alone, unless the loader augments an in-memory torchvision set (`CIFAR10(..., transform=RandomCrop(...))`): that work comes back every epoch, and with a small model it is what bounds the run.' + ' ' + CONFIDENCE_DOCS.items,
      whyBad:
        'With `num_workers=0` the DataLoader reads, decodes, augments and collates each batch in the main process, synchronously: ' +
        'while it does, the GPU (or the CPU cores the model could use) sits idle, and the whole run takes longer while drawing power. ' +
        'Worker processes prepare the next batches while the current one trains.',
      evidence:
        'The PyTorch Performance Tuning Guide recommends `num_workers > 0` for asynchronous data loading; TorchFix flags the same ' +
        'pattern (TOR401) and the PyTorch profiler\'s TorchTidy reports it as `SynchronizedDataLoaderPattern`. How much a starved loader ' +
        'costs: in Intel Geti (PR #5958) an RTX 3090 sat idle 70-92 % of the time behind 2 workers, and more workers raised training ' +
        'from 3 to 13 iterations/s. The gain is largest for image decoding and augmentation; for small in-memory tensor datasets ' +
        'workers can even be slower (Lightning issue #17410).',
      example: 'loader = DataLoader(ImageFolder(root, transform=augment), batch_size=64, shuffle=True)',
      useInstead:
        'import os\n\nloader = DataLoader(ImageFolder(root, transform=augment), batch_size=64, shuffle=True,\n                    num_workers=min(8, os.cpu_count() or 1), persistent_workers=True)',
      fixSafety:
        'Unsafe: worker processes change how the dataset runs. It must be picklable (open file handles, LMDB/HDF5 environments and ' +
        'lambdas are not), each worker has its own copy of the dataset and its own random state, and on platforms that start processes ' +
        'with `spawn` (Windows, macOS) the script needs an `if __name__ == "__main__":` guard. The fix adds `import os` when needed.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    // Tests run a few samples once: worker processes would only add start-up time.
    if (isTestModule(model, ctx.path)) return {};
    const small = onlySmallModels(model);
    return {
      call(call) {
        if (!call.qualified || !DATALOADERS.has(call.qualified) || call.hasSplat) return;
        const workers = model.arg(call, 'num_workers', 5);
        if (workers && numberOf(workers) !== 0) return;
        // A collate function that moves batches to the GPU would run in the workers, which cannot use CUDA there.
        // A small model trains fast, so loading is what bounds it, but workers cost more than they save on cheap items;
        // augmenting an in-memory set (CIFAR with `RandomCrop`) is work every epoch, whatever the model.
        if ((small && !augmentsInMemory(model, call)) || readOnce(model, call, ctx.path) || collateMovesToDevice(model, call) || livesInModule(model, call) || wholeDatasetBatch(model, call)) return;
        const kind = datasetKind(model, call, ctx.path);
        if (kind === 'memory') return;
        if (kind === 'stream') {
          ctx.report({ node: workers ? keywordOf(workers.node) : call.callee, messageId: 'stream', confidence: heavyItems(model, call, ctx.path) ? undefined : 'low' });
          return;
        }
        const edits = compact([
          workers ? replaceNode(workers.node, WORKERS) : addKeyword(model, call, 'num_workers', WORKERS),
          addImport(model, 'import os', 'os', 'os'),
        ]);
        ctx.report({
          node: workers ? keywordOf(workers.node) : call.callee,
          messageId: workers ? 'zero' : 'missing',
          fix: { safety: 'unsafe', edits },
          // Workers pay off where preparing an item takes work (reading, decoding, augmenting): where the code does not show it, say so at low confidence.
          confidence: heavyItems(model, call, ctx.path) ? undefined : 'low',
        });
      },
    };
  },
};

/**
 * `DataLoader(dev_set, batch_size=len(dev_set))`: the whole dataset is one batch, which the main
 * process waits for with or without workers; there is no next batch for them to prepare meanwhile.
 */
function wholeDatasetBatch(model: ModuleModel, call: CallSite): boolean {
  const dataset = model.arg(call, 'dataset', 0);
  const size = model.arg(call, 'batch_size', 1);
  const n = size && unparen(size.node);
  if (!dataset || n?.type !== 'call') return false;
  const len = model.callSite(n);
  return len.qualified === 'len' && len.args.length === 1 && model.text(len.args[0].node) === model.text(dataset.node);
}
