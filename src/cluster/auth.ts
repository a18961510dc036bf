// Credentials for Prometheus, from the environment (the CLI) or from VS Code's secret storage (the
// extension passes them in). Never read from or written to settings, never printed.

export interface PrometheusAuth {
  bearer?: string;
  basic?: { user: string; password: string };
}

export const TOKEN_VAR = 'FRUGAL_PROMETHEUS_TOKEN';
export const USER_VAR = 'FRUGAL_PROMETHEUS_USER';
export const PASSWORD_VAR = 'FRUGAL_PROMETHEUS_PASSWORD';

/** Bearer token first, then user and password; undefined when none is set. */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env): PrometheusAuth | undefined {
  const token = env[TOKEN_VAR]?.trim();
  if (token) return { bearer: token };
  const user = env[USER_VAR];
  if (user) return { basic: { user, password: env[PASSWORD_VAR] ?? '' } };
  return undefined;
}

/** How the request authenticates, for the report: the kind, never the secret. */
export function describeAuth(auth: PrometheusAuth | undefined): string {
  if (auth?.bearer) return 'bearer token';
  if (auth?.basic) return `basic auth as ${auth.basic.user}`;
  return 'none';
}
