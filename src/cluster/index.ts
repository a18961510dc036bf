// Cluster jobs' energy from the monitoring a cluster already runs (no `vscode` here): Prometheus
// with NVIDIA's dcgm-exporter and Kepler, and Slurm's accounting.
export { clusterEnergy, listJobs, intensityFor, ClusterError, DATA_CENTRE_PUE, type ClusterOptions, type ClusterReport, type ClusterSection, type PodRow, type GpuRow, type QueryRecord, type JobListing } from './energy';
export { Prometheus, PrometheusError, publicUrl, type Series } from './prometheus';
export { authFromEnv, describeAuth, TOKEN_VAR, USER_VAR, PASSWORD_VAR, type PrometheusAuth } from './auth';
export { describeScope, jobOfPod, parseMatchers, SelectorError, type Scope } from './selector';
export { readSlurmJob, parseSacct, slurmReport, expandNodeList, SlurmError, type SlurmJob } from './slurm';
export { formatClusterSummary } from './summary';
