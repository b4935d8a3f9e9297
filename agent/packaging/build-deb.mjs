#!/usr/bin/env node
// `npm run build:agent:deb`: a Debian package per platform whose executable is built
// (`npm run build:agent:exe`): dist/agent/hivewatch-agent-<platform>.deb with the executable in
// /usr/lib/hivewatch (linked from /usr/bin), the systemd unit, the polkit rule (installed by the
// postinst only with services-restart) and a postinst that creates the service user. The unit, the
// rule and the configuration code are the same files install-agent.sh and the Ansible role use.
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const PLATFORMS = [
  { name: 'linux-x64', arch: 'amd64' },
  { name: 'linux-arm64', arch: 'arm64' },
];
const read = (file) => fs.readFileSync(path.join(here, file), 'utf8');

function put(stage, file, content, mode) {
  const target = path.join(stage, file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  fs.writeFileSync(target, content, { mode });
  fs.chmodSync(target, mode);
}

function buildDeb({ name, arch }) {
  const executable = path.join(root, 'dist', 'agent', `hivewatch-agent-${name}`);
  if (!fs.existsSync(executable)) {
    console.log(
      `${name}: skipped, ${path.relative(root, executable)} is not built (npm run build:agent:exe)`,
    );
    return true;
  }
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), `hivewatch-deb-${name}-`));
  fs.chmodSync(stage, 0o755);
  try {
    put(stage, 'usr/lib/hivewatch/hivewatch-agent', fs.readFileSync(executable), 0o755);
    fs.mkdirSync(path.join(stage, 'usr/bin'), { recursive: true, mode: 0o755 });
    fs.symlinkSync('../lib/hivewatch/hivewatch-agent', path.join(stage, 'usr/bin/hivewatch-agent'));
    const unit = read('hivewatch-agent.service').replace(
      '/usr/local/lib/hivewatch/hivewatch-agent',
      '/usr/lib/hivewatch/hivewatch-agent',
    );
    put(stage, 'lib/systemd/system/hivewatch-agent.service', unit, 0o644);
    put(stage, 'usr/share/hivewatch-agent/hivewatch-agent.rules', read('hivewatch-agent.rules'), 0o644);
    const configure = read('configure-agent.sh').trimEnd();
    put(
      stage,
      'DEBIAN/postinst',
      read('postinst.sh').split('@HIVEWATCH_AGENT_CONFIGURE@').join(configure),
      0o755,
    );
    put(stage, 'DEBIAN/prerm', read('prerm.sh'), 0o755);
    const size = Math.ceil(fs.statSync(executable).size / 1024);
    put(
      stage,
      'DEBIAN/control',
      [
        'Package: hivewatch-agent',
        `Version: ${version}`,
        `Architecture: ${arch}`,
        'Maintainer: Hivewatch <hivewatch@localhost>',
        `Installed-Size: ${size}`,
        'Section: admin',
        'Priority: optional',
        'Description: Hivewatch monitoring agent',
        " Reports this host's metrics to a Hivewatch hub and answers its requests. One",
        ' executable that needs nothing else on the host, run by a hardened systemd unit.',
        '',
      ].join('\n'),
      0o644,
    );
    const out = path.join(root, 'dist', 'agent', `hivewatch-agent-${name}.deb`);
    // Written beside and renamed into place: a hub serving the file never sends a half-written one.
    const partial = `${out}.partial`;
    const run = spawnSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', stage, partial], {
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      fs.rmSync(partial, { force: true });
      console.error(`${name}: dpkg-deb failed\n${run.stdout}${run.stderr}`);
      return false;
    }
    fs.renameSync(partial, out);
    console.log(`${name}: ${path.relative(root, out)} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB)`);
    return true;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

process.exit(PLATFORMS.map(buildDeb).every(Boolean) ? 0 : 1);
