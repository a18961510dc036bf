// FRG107: a PyTorch DataLoader feeding a CUDA model without pinned host memory.
import type { ModuleModel } from '../../model/model';
import { isTrue } from '../../model/values';
import { addKeyword, replaceNode, setKeyword } from '../fixes';
import type { Rule } from '../rule';
import { collateMovesToDevice, DATALOADERS, datasetKind, decodesItems, heavyItems, livesInModule, readOnce, tokenBatches, visibleDataset } from './datasets';
import { onlySmallModels } from './model-size';
import { isTestModule } from '../inference/shared';
import { intelCpuOnly } from './loop-device';
import { CONFIDENCE_DOCS } from './workload';

/**
 * Whether the file puts anything on the accelerator: a copy (`.to(...)`, `.cuda()`), a device
 * (`torch.device("cuda")`, `torch.accelerator`), Accelerate's `prepare` or a trainer that moves
 * batches itself. A file whose only CUDA evidence is `torch.cuda.is_available()` guarding cuDNN
 * flags or seeds loads batches for the CPU, and pinning would only speed up a copy that never happens.
 */
function copiesToDevice(model: ModuleModel): boolean {
  return model.calls.some(
    (c) =>
      (c.receiver !== undefined && (c.name === 'cuda' || (c.name === 'to' && c.args.length + c.kwargs.size > 0))) ||
      c.qualified === 'torch.device' ||
      c.qualified === 'torch.accelerator.current_accelerator' ||
      c.name === 'prepare' ||
      c.name === 'Trainer',
  );
}

/** Where `pin_memory` stands among `DataLoader`'s positional parameters. */
const PIN_MEMORY_POSITION = 7;

export const dataloaderUnpinnedMemory: Rule = {
  meta: {
    code: 'FRG107',
    name: 'dataloader-unpinned-memory',
    category: 'training',
    severity: 'info',
    summary: 'DataLoader without `pin_memory=True` in a script that trains on a CUDA GPU',
    messages: {
      default: 'DataLoader without `pin_memory=True` while this file uses CUDA: each batch is copied to the GPU through pageable memory',
    },
    fixTitle: 'Set `pin_memory=True`',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `torch.utils.data.DataLoader(...)` without `pin_memory=True` (given by keyword or as the eighth positional argument, `DataLoader(ds, 64, True, None, None, 4, None, True)`; an explicit `pin_memory=False`, which may be the author\'s choice, is low confidence) in a file that shows it uses a CUDA GPU (`.cuda()`, `device="cuda"`, `torch.device("cuda")`, `torch.cuda.*`, `torch.accelerator`, Accelerate, `--cuda`-style flags, `.to(0)`; Intel `xpu` too, Apple `mps` alone not, since its memory is shared). Loaders over in-memory tensors or lists (`TensorDataset`, a bare tensor such as `torch.from_numpy(array)` (also reshaped: `.narrow(0, 0, n).view(-1, block)`), either one also kept in an entry of a dict of splits (`datasets[split] = TensorDataset(...)`), positions batched into index tensors such as `DataLoader(range(n))` or a tensor of ids moved to the device (`DataLoader(train_nid.to(device))`), a dataset read back with `torch.load` or built by transformers\' `squad_convert_examples_to_features`, a dataset whose `__getitem__` only indexes what it holds, also one imported from a module beside the file or a package below its folder and read there, one built from sizes alone), loaders only looked at (read for a single batch through `next(iter(loader))`, `it = iter(loader)` then `next(it)` or `loader.__iter__().__next__()`, also a loader made afresh in each pass of a loop and read once there, or for at most 10 batches by a loop that breaks on its counter, `if ii == 1: break`, or in a dataset module\'s `__main__` check whose loops only show batches (`plt.show()`, `input()`), or looped over by a body that only prints or measures its batches, or never read at all: a function\'s local, a notebook variable no cell uses, or an attribute such as `self.valid_dl` that neither its file nor any other project file names again), loaders whose dataset is built from one of the class\'s own methods (`ExperienceSourceDataset(self.train_batch)`: a generator that steps an environment with the live policy, as in reinforcement learning, which worker processes would copy stale), files whose models are all small (under 1M parameters, every size written down) RPC trainers (`torch.distributed.rpc`, where batches travel over the network), loaders of token ids (a tokenizer or transformers collator pads the batch, or the dataset is a tokenized Hugging Face `datasets` table, also one a local function of the file builds and returns: kilobytes of integers) and files that never put anything on the device are left alone. Intel CPU scripts (`intel_extension_for_pytorch` and no CUDA or XPU anywhere: `Accelerator()` there runs on the CPU) and test files are left alone too.' + ' ' + CONFIDENCE_DOCS.items + ' For pinning, a large run alone is not enough where the dataset is a class whose `__getitem__` can be read (in the file or a module beside it) and does no such work: point clouds read with `np.loadtxt` make batches of a few hundred kilobytes. A loader of one sample per batch (`batch_size=1`) is low confidence: pinning one image saves next to nothing.',
      whyBad:
        'Host-to-GPU copies from pageable memory go through an extra staging copy and cannot overlap with compute. Page-locked (pinned) batches are copied by DMA, asynchronously with `non_blocking=True`, so the GPU waits less for data and the run finishes sooner.',
      evidence:
        'Setting `pin_memory=True` cut batch time from 0.0472 s to 0.0378 s, training time by 9.82 % and CO2 by 7.56 % (Xeon CPU + Quadro RTX 6000). Source: creedengo rule GCI102 specification; PyTorch Performance Tuning Guide.',
      example: 'loader = DataLoader(train_set, batch_size=64, num_workers=4)\nmodel.cuda()',
      useInstead: 'loader = DataLoader(train_set, batch_size=64, num_workers=4, pin_memory=True)\nmodel.cuda()',
      fixSafety:
        'Safe: `pin_memory=True` only changes where batches are staged in host memory; results are identical. It uses page-locked RAM, which matters only on machines that are short of memory.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    // RPC trainers send batches to a remote model over the network: no host-to-GPU copy to speed up.
    // Tests run a few samples once: loader settings cost nothing there.
    if (!model.evidence.cuda || isTestModule(model, ctx.path) || intelCpuOnly(model) || onlySmallModels(model) || model.importsModule('torch.distributed.rpc') || !copiesToDevice(model)) return {};
    return {
      call(call) {
        if (!call.qualified || !DATALOADERS.has(call.qualified)) return;
        if (call.hasSplat) return;
        // `DataLoader(dataset, batch_size, shuffle, sampler, batch_sampler, num_workers, collate_fn, pin_memory, ...)`.
        const pin = model.arg(call, 'pin_memory', PIN_MEMORY_POSITION);
        // Any value but a literal `False` may be true; an explicit `False` may be the author's choice.
        if (pin && (isTrue(pin) || pin.kind !== 'bool')) return;
        const explicit = pin !== undefined;
        // Small in-memory tensors and a loader read for one batch gain nothing measurable.
        if (datasetKind(model, call, ctx.path) === 'memory' || readOnce(model, call, ctx.path) || tokenBatches(model, call) || collateMovesToDevice(model, call) || livesInModule(model, call)) return;
        // Pinning pays off for large batches of tensors (decoded images, audio); a custom collate function may return a container DataLoader cannot pin.
        // One sample per batch is a copy of one image: pinning it saves next to nothing.
        const batch = model.arg(call, 'batch_size', 1);
        const single = batch?.kind === 'number' && batch.value === 1;
        // Pinning pays for batches of decoded images and the like: where the dataset's `__getitem__` can be read
        // and shows no such work (point clouds read as text, say), a large run alone says nothing about the batches.
        const heavy = (decodesItems(model, call, ctx.path) || (heavyItems(model, call, ctx.path) && !visibleDataset(model, call, ctx.path))) && !model.arg(call, 'collate_fn', 6) && !single;
        ctx.report({
          node: call.callee,
          confidence: heavy && !explicit ? undefined : 'low',
          why: explicit ? '`pin_memory=False` is set explicitly, perhaps on purpose' : single ? 'one sample per batch: pinning one item saves next to nothing' : undefined,
          fix: { safety: 'safe', edits: [pin ? (call.kwargs.has('pin_memory') ? setKeyword(model, call, 'pin_memory', 'True') : replaceNode(pin.node, 'True')) : addKeyword(model, call, 'pin_memory', 'True')] },
        });
      },
    };
  },
};
