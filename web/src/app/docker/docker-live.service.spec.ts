import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LiveStreamService } from '../core/live-stream.service';
import type { DockerEventFrame, DockerUpdateFrame } from '@hivewatch/protocol';
import { DockerLiveService } from './docker-live.service';

const update = (serverId: string): DockerUpdateFrame => ({
  type: 'docker_update',
  serverId,
  containers: [],
  at: '2026-01-01T00:00:00.000Z',
});

describe('DockerLiveService', () => {
  it('keeps updates only for watched servers, until the last watcher leaves', () => {
    const docker = TestBed.inject(DockerLiveService);
    docker.apply(update('a'));
    expect(docker.updates().has('a')).toBe(false);
    const stop1 = docker.watch('a');
    const stop2 = docker.watch('a');
    docker.apply(update('a'));
    docker.apply(update('b'));
    expect([...docker.updates().keys()]).toEqual(['a']);
    stop1();
    stop1(); // a second call does nothing
    expect(docker.updates().has('a')).toBe(true);
    stop2();
    expect(docker.updates().has('a')).toBe(false);
  });

  it('passes events through to listeners', () => {
    const docker = TestBed.inject(DockerLiveService);
    const seen: string[] = [];
    docker.events.subscribe((e) => seen.push(e.action));
    const frame: DockerEventFrame = {
      type: 'docker_event',
      serverId: 'a',
      containerId: 'c',
      containerName: 'web',
      action: 'die',
      exitCode: 1,
      health: null,
      at: '2026-01-01T00:00:00.000Z',
    };
    docker.apply(frame);
    expect(seen).toEqual(['die']);
  });

  it('receives the Docker frames of the console stream', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const docker = TestBed.inject(DockerLiveService);
    const stop = docker.watch('a');
    TestBed.inject(LiveStreamService).apply(update('a'));
    expect(docker.updates().get('a')?.at).toBe('2026-01-01T00:00:00.000Z');
    stop();
  });
});
