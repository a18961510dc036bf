// Which accelerators a file runs on: every way current ML code picks a device (`.cuda()`,
// `torch.accelerator`, `"cuda" if … else "cpu"`, `--cuda`/`--no-accel` flags, Accelerate,
// Lightning's `accelerator=`, `.to(0)`, TensorFlow's GPU queries, `mps`/`xpu`).
import type { SNode } from '../parse/syntax';
import type { CallSite } from './model';
import { stringOf } from './values';

/**
 * `cuda`: an NVIDIA (or ROCm, which PyTorch also calls `cuda`) GPU; `accelerator`: whatever
 * `torch.accelerator`/Accelerate picks, in practice a CUDA GPU; `mps`: Apple silicon;
 * `xpu`: Intel GPUs; `tpu`: Google TPUs through Lightning or TensorFlow.
 */
export type Backend = 'cuda' | 'accelerator' | 'mps' | 'xpu' | 'tpu';

export interface DeviceEvidence {
  backend: Backend;
  /** The first place that shows it, for related locations. */
  node: SNode;
}

const FLAG = /^--?(?:no[-_]|use[-_]|disable[-_]|enable[-_])?(cuda|gpus?|accel|accelerator|mps|xpu)$/;
const DEVICE_STRING = /^(cuda|mps|xpu)(:\d+)?$/;
const FSTRING_DEVICE = /^[fF]["'](cuda|xpu):\{/;

function backendOf(name: string): Backend {
  if (name === 'cuda' || name === 'gpu' || name === 'gpus') return 'cuda';
  if (name === 'mps' || name === 'xpu') return name;
  return 'accelerator';
}

/** What one call shows about the device, if anything. */
const CUDA_SEEDING = /^torch\.cuda\.(manual_seed|manual_seed_all|seed|seed_all|random\.manual_seed\w*)$/;

export function deviceOfCall(c: CallSite): DeviceEvidence | undefined {
  const q = c.qualified;
  if (c.name === 'cuda' && c.receiver && !q?.startsWith('torch.')) return { backend: 'cuda', node: c.node };
  // Seeding the CUDA generators (`torch.cuda.manual_seed_all(seed)`, for reproducibility) works without a GPU: no sign of one.
  if (q?.startsWith('torch.cuda.') && !q.startsWith('torch.cuda.amp.') && !CUDA_SEEDING.test(q)) return { backend: 'cuda', node: c.node };
  if (q?.startsWith('torch.accelerator.')) return { backend: 'accelerator', node: c.node };
  if (q?.startsWith('torch.backends.mps.') || q?.startsWith('torch.mps.')) return { backend: 'mps', node: c.node };
  if (q?.startsWith('torch.xpu.')) return { backend: 'xpu', node: c.node };
  if (q === 'accelerate.Accelerator') return { backend: 'accelerator', node: c.node };
  // Ray Train's workers on GPUs: `ScalingConfig(num_workers=2, use_gpu=True)` (any value but a literal False).
  if (q !== undefined && /^ray\.(train|air)(\.\w+)*\.ScalingConfig$/.test(q)) {
    const gpu = c.kwargs.get('use_gpu');
    if (gpu && !(gpu.kind === 'bool' && !gpu.value)) return { backend: 'cuda', node: gpu.node };
  }
  if (
    q === 'tensorflow.config.list_physical_devices' ||
    q === 'tensorflow.config.experimental.list_physical_devices' ||
    q === 'tensorflow.test.is_gpu_available' ||
    q === 'tensorflow.test.is_built_with_cuda'
  ) {
    const kind = stringOf(c.args[0]);
    if (kind === undefined || /gpu/i.test(kind)) return { backend: 'cuda', node: c.node };
    if (/tpu/i.test(kind)) return { backend: 'tpu', node: c.node };
  }
  // `.to(0)`, `.cuda(0)`-style ordinals: device 0 of the default accelerator.
  if (c.name === 'to' && c.receiver && c.args[0]?.kind === 'number' && Number.isInteger(c.args[0].value)) return { backend: 'cuda', node: c.node };
  if (c.name === 'add_argument') {
    for (const a of c.args) {
      const m = FLAG.exec(stringOf(a) ?? '');
      if (m) return { backend: backendOf(m[1]), node: a.node };
    }
  }
  if (c.name === 'Trainer' || c.name === 'Fabric') {
    const acc = stringOf(c.kwargs.get('accelerator'));
    if (acc !== undefined) {
      if (/^(gpu|cuda)$/.test(acc)) return { backend: 'cuda', node: c.kwargs.get('accelerator')!.node };
      if (acc === 'auto') return { backend: 'accelerator', node: c.kwargs.get('accelerator')!.node };
      if (acc === 'mps' || acc === 'tpu') return { backend: acc, node: c.kwargs.get('accelerator')!.node };
      return undefined;
    }
    const gpus = c.kwargs.get('gpus');
    if (gpus?.kind === 'number' && gpus.value !== 0) return { backend: 'cuda', node: gpus.node };
  }
  return undefined;
}

/** What a string literal shows: `"cuda"`, `"cuda:1"`, `f"cuda:{rank}"`, `"mps"`, `"xpu"`. */
export function deviceOfString(value: string | undefined, raw: string): Backend | undefined {
  const m = value !== undefined ? DEVICE_STRING.exec(value) : FSTRING_DEVICE.exec(raw);
  return m ? backendOf(m[1]) : undefined;
}
