import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BundleFile } from './bundle-file.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('BundleFile', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-file-'));
    file = path.join(dir, 'tool.cjs');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is null while the file is not built', async () => {
    await expect(new BundleFile(file).read()).resolves.toBeNull();
    fs.mkdirSync(file);
    await expect(new BundleFile(file).read()).resolves.toBeNull();
  });

  it('answers the bytes and their SHA-256, read once, and picks up a rebuild', async () => {
    fs.writeFileSync(file, 'first build');
    const bundle = new BundleFile(file);
    const [a, b] = await Promise.all([bundle.read(), bundle.read()]);
    expect(a?.bytes.toString()).toBe('first build');
    expect(a?.sha256).toBe(sha('first build'));
    expect(b).toBe(a);
    expect(await bundle.read()).toBe(a);

    fs.writeFileSync(file, 'second, longer build');
    const rebuilt = await bundle.read();
    expect(rebuilt?.sha256).toBe(sha('second, longer build'));
  });
});
