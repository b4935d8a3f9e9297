import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The static busybox of Debian's busybox-static package: the whole test image. */
export const BUSYBOX = '/bin/busybox';
export const TEST_IMAGE = 'hivewatch/test:1';

/** A rootfs with bin/busybox and a link per applet (sh, sleep, echo, cat, yes, head, …), imported as TEST_IMAGE. */
export async function importTestImage(
  dir: string,
  run: (args: readonly string[]) => Promise<string>,
): Promise<void> {
  const rootfs = path.join(dir, 'rootfs');
  for (const sub of ['bin', 'etc', 'tmp', 'proc', 'sys', 'dev'])
    fs.mkdirSync(path.join(rootfs, sub), { recursive: true });
  fs.copyFileSync(BUSYBOX, path.join(rootfs, 'bin/busybox'));
  fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
  const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const applet of applets) {
    if (applet === 'busybox' || !/^[\w.[-]+$/.test(applet)) continue;
    fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
  }
  fs.writeFileSync(
    path.join(rootfs, 'etc/passwd'),
    'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n',
  );
  fs.writeFileSync(path.join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  const tar = path.join(dir, 'img.tar');
  execFileSync('tar', ['-C', rootfs, '-cf', tar, '.']);
  await run(['import', tar, TEST_IMAGE]);
  fs.rmSync(rootfs, { recursive: true, force: true });
  fs.rmSync(tar, { force: true });
}
