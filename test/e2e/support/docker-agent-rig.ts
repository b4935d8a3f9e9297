import { eventually } from '../../support/agents/fixtures.js';
import { startDockerd, type Dockerd } from '../../support/dockerd.js';
import { StandInHub, startDockerAgent } from './agent-docker-support.js';

type DockerAgent = Awaited<ReturnType<typeof startDockerAgent>>;

/**
 * A private dockerd, a stand-in hub and our agent (capabilities `docker` and `docker-actions`) on
 * that engine, linked to that hub: what the agent-side Docker suites share. Create it at describe
 * level, start it in beforeAll and stop it in afterAll.
 */
export class DockerAgentRig {
  private engine: Dockerd | undefined;
  private standIn: StandInHub | undefined;
  private running: DockerAgent | undefined;

  get dockerd(): Dockerd {
    return started(this.engine);
  }

  get hub(): StandInHub {
    return started(this.standIn);
  }

  get agent(): DockerAgent['agent'] {
    return started(this.running).agent;
  }

  /**
   * Starts dockerd, lets `prepare` create the suite's containers, then starts the hub and the agent
   * (with the environment `prepare` returns set while the agent starts) and waits for its link.
   */
  async start(
    prepare: (dockerd: Dockerd) => Promise<Record<string, string | undefined> | void>,
  ): Promise<void> {
    this.engine = await startDockerd();
    const env = (await prepare(this.engine)) ?? {};
    this.standIn = await StandInHub.start();
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    setEnv(env);
    try {
      this.running = await startDockerAgent(this.standIn.url, {
        capabilities: ['docker', 'docker-actions'],
        docker: { socket: this.engine.host },
      });
    } finally {
      setEnv(saved);
    }
    await eventually(() => this.running?.agent.isAuthenticated, 20_000);
  }

  async stop(): Promise<void> {
    this.running?.stop();
    await this.standIn?.close();
    await this.engine?.stop();
  }
}

function started<T>(part: T | undefined): T {
  if (part === undefined) throw new Error('the Docker agent rig is not started');
  return part;
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
