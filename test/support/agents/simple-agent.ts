import { TestSocket } from './socket.js';

/** A seed-001 ("simple dialect") agent: api_key auth, snake_case metrics, command/docker_command. */
export class SimpleAgent {
  socket!: TestSocket;
  readonly commands: Record<string, unknown>[] = [];
  /** When set, commands are recorded but never answered (for hub-side timeouts). */
  silent = false;
  /** What a `docker_command` is answered with (besides its command_id). */
  dockerReply: { success: boolean; message?: string } = { success: true, message: 'ok' };

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async connect(): Promise<Record<string, unknown>> {
    this.socket = await TestSocket.open(this.url);
    this.socket.ws.on('message', (data) => this.onFrame((data as Buffer).toString('utf8')));
    this.socket.send({ type: 'auth', api_key: this.apiKey });
    return this.socket.next((f) => f['type'] === 'auth_success' || f['type'] === 'error');
  }

  sendMetrics(over: Record<string, unknown> = {}): void {
    this.socket.send({
      type: 'metrics',
      cpu_percent: 45.2,
      memory_percent: 62.5,
      disk_usage: [{ mountpoint: '/', total_gb: 100, used_gb: 25, percent: 25 }],
      network: [{ name: 'eth0', upload_mbps: 1, download_mbps: 2 }],
      timestamp: new Date().toISOString(),
      ...over,
    });
  }

  close(): void {
    this.socket.close();
  }

  private onFrame(text: string): void {
    const frame = JSON.parse(text) as Record<string, unknown>;
    if (frame['type'] === 'command') {
      this.commands.push(frame);
      if (this.silent) return;
      this.socket.send({
        type: 'command_response',
        command_id: frame['command_id'],
        output: `ran ${String(frame['command'])}`,
        exit_code: 0,
        duration_ms: 5,
      });
    } else if (frame['type'] === 'docker_command') {
      this.commands.push(frame);
      if (this.silent) return;
      this.socket.send({ type: 'docker_response', command_id: frame['command_id'], ...this.dockerReply });
    }
  }
}
