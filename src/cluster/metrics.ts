// The exporters' metrics this module reads, their units and label names, and what to deploy when
// one is missing. NVIDIA's dcgm-exporter for GPUs; Kepler (two generations of metric names) for
// CPU and DRAM energy per container or pod.

export const DCGM = {
  energy: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
  power: 'DCGM_FI_DEV_POWER_USAGE',
  util: 'DCGM_FI_DEV_GPU_UTIL',
} as const;

export const DEPLOY_DCGM =
  "deploy NVIDIA's dcgm-exporter on the GPU nodes (the GPU Operator includes it; or helm install dcgm-exporter gpu-helm-charts/dcgm-exporter) with a ServiceMonitor or scrape job, so Prometheus has DCGM_FI_DEV_POWER_USAGE and DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION; its pod, namespace and container labels come from the kubelet's pod-resources socket, on by default";

export const ADD_ENERGY_COUNTER =
  'add "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION, counter, Total energy consumption since boot (mJ)." to the exporter\'s counters CSV (-f / DCGM_EXPORTER_COLLECTORS) for the GPU energy counter';

export const DEPLOY_KEPLER =
  'deploy Kepler (https://sustainable-computing.io; helm install kepler kepler/kepler, or the Power Monitoring operator on OpenShift) with a ServiceMonitor, for CPU and DRAM energy per pod';

/** One generation of Kepler's metrics: the CPU and DRAM counters (J) and the label names it uses. */
export interface KeplerFlavour {
  id: string;
  cpu: { metric: string; extra?: string };
  dram?: { metric: string; extra?: string };
  /** DCGM-style label name → this flavour's. */
  labels: Record<string, string>;
  /** What the CPU figure covers, for the method's label. */
  covers: string;
}

export const KEPLER: KeplerFlavour[] = [
  {
    id: 'kepler-pod',
    cpu: { metric: 'kepler_pod_cpu_joules_total', extra: 'zone="package"' },
    dram: { metric: 'kepler_pod_cpu_joules_total', extra: 'zone="dram"' },
    labels: { pod: 'pod_name', namespace: 'pod_namespace' },
    covers: 'RAPL package zone',
  },
  {
    id: 'kepler-container',
    cpu: { metric: 'kepler_container_package_joules_total' },
    dram: { metric: 'kepler_container_dram_joules_total' },
    labels: { pod: 'pod_name', namespace: 'container_namespace', container: 'container_name' },
    covers: 'CPU package, idle and dynamic shares',
  },
  {
    id: 'kepler-container-cpu',
    cpu: { metric: 'kepler_container_cpu_joules_total', extra: 'zone="package"' },
    dram: { metric: 'kepler_container_cpu_joules_total', extra: 'zone="dram"' },
    labels: { container: 'container_name' },
    covers: 'RAPL package zone',
  },
  {
    id: 'kepler-container-total',
    cpu: { metric: 'kepler_container_joules_total' },
    labels: { pod: 'pod_name', namespace: 'container_namespace', container: 'container_name' },
    covers: 'package, DRAM and other host components together (this Kepler exports no separate DRAM counter)',
  },
];

/** Where a series' workload labels are: the exporter's own, or `exported_*` when the scrape renamed them. */
export function workload(labels: Record<string, string>, names: { pod: string; namespace: string; container?: string }) {
  const pick = (n?: string) => (n ? labels[`exported_${n}`] || labels[n] || '' : '');
  return { pod: pick(names.pod), namespace: pick(names.namespace), container: pick(names.container) };
}
