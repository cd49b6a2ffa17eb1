/** Values the dev server defines for the demo (vite.config.ts). */
interface ImportMetaEnv {
  readonly PS_HAS_PROMETHEUS?: boolean;
  readonly PS_HAS_VTADMIN?: boolean;
  readonly PS_REAL_CLUSTER?: boolean;
}
