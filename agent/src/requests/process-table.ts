import { readdirSync, readFileSync } from 'node:fs';
import type { ProcessDetail, ProcessSummary } from '@hivewatch/protocol';

/** psutil's names for the one-letter states of /proc/PID/stat (what the seed-002 agent reports). */
const STATUS: Record<string, string> = {
  R: 'running',
  S: 'sleeping',
  D: 'disk-sleep',
  Z: 'zombie',
  T: 'stopped',
  t: 'tracing-stop',
  X: 'dead',
  x: 'dead',
  I: 'idle',
  P: 'parked',
  W: 'waking',
  K: 'wake-kill',
};

/** Clock ticks per second (USER_HZ): 100 on every Linux architecture Node runs on. */
const CLK_TCK = 100;

interface ProcStat {
  pid: number;
  name: string;
  state: string;
  cpuTicks: number;
  nice: number;
  numThreads: number;
  startTicks: number;
  rssPages: number;
}

export interface ProcessTableOptions {
  procRoot?: string;
  passwdPath?: string;
  now?: () => number;
}

/**
 * `get-processes` / `get-process` straight from /proc. CPU percent is per process since the previous
 * listing (like psutil's cpu_percent(interval=None)), or its lifetime average the first time; 100 = one
 * full CPU. memoryPercent is RSS over MemTotal.
 */
export class ProcessTable {
  private readonly proc: string;
  private readonly now: () => number;
  private previous = new Map<number, { ticks: number; at: number }>();
  private users: Map<number, string> | undefined;
  private pageSize: number | undefined;

  constructor(private readonly options: ProcessTableOptions = {}) {
    this.proc = options.procRoot ?? '/proc';
    this.now = options.now ?? Date.now;
  }

  list(): ProcessSummary[] {
    const context = this.context();
    const seen = new Map<number, { ticks: number; at: number }>();
    const out: ProcessSummary[] = [];
    for (const name of readdirSync(this.proc)) {
      if (!/^\d+$/.test(name)) continue;
      const summary = this.summary(Number(name), context, seen);
      if (summary) out.push(summary);
    }
    this.previous = seen;
    return out;
  }

  /** One process with cmdline, nice, threads and uptime; undefined when it does not exist. */
  get(pid: number): ProcessDetail | undefined {
    const context = this.context();
    const stat = this.readStat(pid);
    if (!stat) return undefined;
    const summary = this.toSummary(stat, context, undefined);
    let cmdline = '';
    try {
      cmdline = readFileSync(`${this.proc}/${pid}/cmdline`, 'latin1')
        .replace(/\0+$/, '')
        .split('\0')
        .join(' ');
    } catch {
      // exited meanwhile: keep the stat we have
    }
    return {
      ...summary,
      cmdline,
      nice: stat.nice,
      numThreads: stat.numThreads,
      uptimeSeconds: Math.max(0, Math.round(context.uptime - stat.startTicks / CLK_TCK)),
    };
  }

  private summary(
    pid: number,
    context: Context,
    seen: Map<number, { ticks: number; at: number }>,
  ): ProcessSummary | undefined {
    const stat = this.readStat(pid);
    if (!stat) return undefined;
    seen.set(pid, { ticks: stat.cpuTicks, at: context.at });
    return this.toSummary(stat, context, this.previous.get(pid));
  }

  private toSummary(
    stat: ProcStat,
    c: Context,
    before: { ticks: number; at: number } | undefined,
  ): ProcessSummary {
    let cpuPercent: number;
    if (before && c.at > before.at && stat.cpuTicks >= before.ticks) {
      cpuPercent = ((stat.cpuTicks - before.ticks) / CLK_TCK / ((c.at - before.at) / 1000)) * 100;
    } else {
      const age = c.uptime - stat.startTicks / CLK_TCK;
      cpuPercent = age > 0 ? (stat.cpuTicks / CLK_TCK / age) * 100 : 0;
    }
    return {
      pid: stat.pid,
      name: stat.name,
      user: this.user(stat.pid),
      status: STATUS[stat.state] ?? stat.state,
      cpuPercent: Math.round(cpuPercent * 10) / 10,
      memoryPercent:
        c.memTotalBytes > 0 ? Math.round(((stat.rssPages * c.pageSize) / c.memTotalBytes) * 1e4) / 100 : 0,
    };
  }

  private readStat(pid: number): ProcStat | undefined {
    let text: string;
    try {
      text = readFileSync(`${this.proc}/${pid}/stat`, 'latin1');
    } catch {
      return undefined;
    }
    // comm is in parentheses and may itself hold spaces and parentheses: split after the last ')'.
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    if (open < 0 || close < open) return undefined;
    const f = text.slice(close + 2).split(' ');
    // f[0] is field 3 (state); utime = field 14 → f[11], stime f[12], nice f[16], threads f[17], starttime f[19], rss f[21].
    return {
      pid,
      name: text.slice(open + 1, close),
      state: f[0] ?? '?',
      cpuTicks: Number(f[11]) + Number(f[12]),
      nice: Number(f[16]),
      numThreads: Number(f[17]),
      startTicks: Number(f[19]),
      rssPages: Number(f[21]),
    };
  }

  private user(pid: number): string | null {
    let status: string;
    try {
      status = readFileSync(`${this.proc}/${pid}/status`, 'latin1');
    } catch {
      return null;
    }
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
    if (uid === undefined) return null;
    return this.userNames().get(Number(uid)) ?? uid;
  }

  private userNames(): Map<number, string> {
    if (this.users) return this.users;
    const users = new Map<number, string>();
    try {
      for (const line of readFileSync(this.options.passwdPath ?? '/etc/passwd', 'utf8').split('\n')) {
        const [name, , uid] = line.split(':');
        if (name && uid !== undefined && /^\d+$/.test(uid)) users.set(Number(uid), name);
      }
    } catch {
      // numeric uids then
    }
    this.users = users;
    return users;
  }

  private context(): Context {
    const meminfo = readFileSync(`${this.proc}/meminfo`, 'latin1');
    const memTotalKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
    const uptime = Number(readFileSync(`${this.proc}/uptime`, 'latin1').split(' ')[0]);
    return { memTotalBytes: memTotalKb * 1024, uptime, at: this.now(), pageSize: this.detectPageSize() };
  }

  /** Page size from our own process: VmRSS (kB) / resident pages in statm. */
  private detectPageSize(): number {
    if (this.pageSize !== undefined) return this.pageSize;
    this.pageSize = 4096;
    try {
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'latin1'))?.[1]);
      const pages = Number(readFileSync('/proc/self/statm', 'latin1').split(' ')[1]);
      const size = 2 ** Math.round(Math.log2((rssKb * 1024) / pages));
      if (Number.isFinite(size) && size >= 4096) this.pageSize = size;
    } catch {
      // keep 4096
    }
    return this.pageSize;
  }
}

interface Context {
  memTotalBytes: number;
  uptime: number;
  at: number;
  pageSize: number;
}
