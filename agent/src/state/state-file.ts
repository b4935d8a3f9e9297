import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the agent keeps between runs. Holds a secret (`token`): mode 0600, never logged. */
export interface AgentState {
  agentId?: string;
  token?: string;
  /** Stable host identity sent at enrollment so that re-enrolling re-uses the same server record. */
  machineId?: string;
  /** Highest sample sequence number produced (the outbox file may hold higher ones). */
  seq?: number;
  /** Highest sequence number the hub acknowledged. */
  ackedSeq?: number;
}

export class StateFile {
  private state: AgentState;

  constructor(readonly path: string) {
    this.state = StateFile.read(path);
  }

  get current(): Readonly<AgentState> {
    return this.state;
  }

  update(changes: Partial<AgentState>): void {
    this.state = { ...this.state, ...changes };
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.state)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600); // the umask cannot widen it, but an existing temporary file might
    renameSync(temporary, this.path);
  }

  private static read(path: string): AgentState {
    if (!existsSync(path)) return {};
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const record = parsed as Record<string, unknown>;
    const text = (key: string): string | undefined =>
      typeof record[key] === 'string' && record[key] !== '' ? record[key] : undefined;
    const count = (key: string): number | undefined =>
      typeof record[key] === 'number' && Number.isSafeInteger(record[key]) ? record[key] : undefined;
    return {
      agentId: text('agentId'),
      token: text('token'),
      machineId: text('machineId'),
      seq: count('seq'),
      ackedSeq: count('ackedSeq'),
    };
  }
}
