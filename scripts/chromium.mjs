// Where Debian's Chromium lives and the flags it needs on a closed-network, root-run machine.
import { existsSync } from 'node:fs';

export function chromiumPath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  // The /usr/bin/chromium wrapper prints a warning; the real binary is quieter.
  for (const path of ['/usr/lib/chromium/chromium', '/usr/bin/chromium']) if (existsSync(path)) return path;
  throw new Error('Chromium not found: run `apt-get install -y chromium` (or set CHROME_PATH).');
}

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
