import { describe, expect, it } from '@jest/globals';
import { isOwnContainer, ownContainerFrom } from './own-container.js';

const ID = 'ab12cd34ef56'.padEnd(64, '7');
const OTHER = 'f'.repeat(64);

describe("the agent's own container", () => {
  it('is found in cgroup v1 paths (/docker/<id>)', () => {
    const own = ownContainerFrom(`12:memory:/docker/${ID}\n11:cpu,cpuacct:/docker/${ID}\n`, '', 'web-host');
    expect(own.ids).toEqual([ID]);
    expect(isOwnContainer(ID, own)).toBe(true);
    expect(isOwnContainer(OTHER, own)).toBe(false);
  });

  it('is found in systemd and Podman scopes', () => {
    expect(ownContainerFrom(`0::/system.slice/docker-${ID}.scope\n`, '', 'h').ids).toEqual([ID]);
    expect(ownContainerFrom(`0::/machine.slice/libpod-${ID}.scope/container\n`, '', 'h').ids).toEqual([ID]);
  });

  it('is found from /etc/hostname bind-mounted out of the container folder (private cgroup namespace)', () => {
    const mountinfo = [
      `612 590 254:1 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda1 rw`,
      `613 590 254:1 /var/lib/docker/containers/${ID}/hostname /etc/hostname rw,relatime - ext4 /dev/vda1 rw`,
    ].join('\n');
    const own = ownContainerFrom('0::/\n', mountinfo, 'myagent');
    expect(own.ids).toEqual([ID]);
    expect(isOwnContainer(ID, own)).toBe(true);
  });

  it("is NOT every container on a host whose mount table shows other containers' shm mounts", () => {
    const hostMounts = [
      `100 29 0:50 / /var/lib/docker/containers/${OTHER}/mounts/shm rw,nosuid - tmpfs shm rw`,
      `101 29 0:51 / /var/lib/docker/overlay2/${OTHER}/merged rw - overlay overlay rw`,
    ].join('\n');
    const own = ownContainerFrom('0::/user.slice/user-0.slice/session-1.scope\n', hostMounts, 'server01');
    expect(own).toEqual({ ids: [], hostnamePrefix: null });
    expect(isOwnContainer(OTHER, own)).toBe(false);
  });

  it("falls back to Docker's default hostname, the id's 12-digit prefix", () => {
    const own = ownContainerFrom('0::/\n', '', ID.slice(0, 12));
    expect(isOwnContainer(ID, own)).toBe(true);
    expect(isOwnContainer(OTHER, own)).toBe(false);
  });
});
