// CodeCarbon v3's RAM power model: a DIMM count guessed from the total memory, 5 W per DIMM on
// x86 (1.5 W on ARM) with diminishing watts per DIMM on big servers, and a floor of two DIMMs.

export const RAM_SLOT_POWER_X86_W = 5;
const RAM_SLOT_POWER_ARM_W = 1.5;
const DIMM_SIZES_GB = [4, 8, 16, 32, 64, 128];

/** `RAM._estimate_dimm_count`; GB here are GiB, as in CodeCarbon (bytes / 1024³). */
export function estimateDimmCount(totalGB: number): number {
  if (totalGB <= 2) return 1;
  if (totalGB <= 16) return 2;
  if (totalGB <= 32) return 4;
  if (totalGB <= 64) return 4;
  if (totalGB <= 128) return 8;
  let count = 8;
  for (const size of [...DIMM_SIZES_GB].reverse()) {
    if (size <= totalGB / 8) {
      count = Math.min(Math.ceil(totalGB / size), 32);
      break;
    }
  }
  return count;
}

/** `RAM._calculate_ram_power`: watts for a machine with `totalGB` of memory. */
export function ramPowerW(totalGB: number, arm = false): number {
  const dimms = estimateDimmCount(totalGB);
  const per = arm ? RAM_SLOT_POWER_ARM_W : RAM_SLOT_POWER_X86_W;
  const min = arm ? 3 : per * 2;
  let total: number;
  if (dimms <= 4) total = per * dimms;
  else if (dimms <= 8) total = per * 4 + per * 0.9 * (dimms - 4);
  else if (dimms <= 16) total = per * 4 + per * 0.9 * 4 + per * 0.8 * (dimms - 8);
  else total = per * 4 + per * 0.9 * 4 + per * 0.8 * 8 + per * 0.7 * (dimms - 16);
  return Math.max(min, total);
}

export function bytesToGB(bytes: number): number {
  return bytes / 1024 ** 3;
}
