import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hub's version, from the repository's package.json (found from src/ and from dist/src/ alike). */
function readVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hivewatch' && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

export const HUB_VERSION = readVersion();
