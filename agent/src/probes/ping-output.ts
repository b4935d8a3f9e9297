/** The summary of an iputils `ping` run. */
export interface PingSummary {
  sent: number;
  received: number;
  lossPercent: number;
  rttMinMs: number | null;
  rttAvgMs: number | null;
  rttMaxMs: number | null;
}

const COUNTS = /(\d+) packets transmitted, (\d+) (?:packets )?received/;
const LOSS = /([\d.]+)% packet loss/;
const RTT = /= ([\d.]+)\/([\d.]+)\/([\d.]+)\/[\d.]+ ms/;

/** Parses `ping -n` output (iputils); undefined when it holds no statistics (e.g. unknown host). */
export function parsePingOutput(output: string): PingSummary | undefined {
  const counts = COUNTS.exec(output);
  if (!counts) return undefined;
  const sent = Number(counts[1]);
  const received = Number(counts[2]);
  const loss = LOSS.exec(output);
  const rtt = RTT.exec(output);
  return {
    sent,
    received,
    lossPercent: loss ? Number(loss[1]) : sent === 0 ? 100 : ((sent - received) / sent) * 100,
    rttMinMs: rtt ? Number(rtt[1]) : null,
    rttAvgMs: rtt ? Number(rtt[2]) : null,
    rttMaxMs: rtt ? Number(rtt[3]) : null,
  };
}

/** The first line of ping's own error output ("ping: x: Name or service not known"), trimmed. */
export function pingErrorLine(stderr: string): string | undefined {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '');
  return line?.slice(0, 500);
}
