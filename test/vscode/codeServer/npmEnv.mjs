// The environment code-server's npm steps and code-server itself run with.
/**
 * The environment for the npm steps. When this runs under `npm run`, the parent npm exports
 * npm_config_local_prefix, npm_package_* and friends pointing at the project: strip them so the
 * child npm works on the cache folder and nothing else.
 */
export function npmEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$|config_yes$)/i.test(key)) delete env[key];
  }
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}
