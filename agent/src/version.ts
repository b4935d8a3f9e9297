/** Reported to the hub at authenticate time (`agent_version`) and by `hivewatch-agent --version`. */
export const AGENT_VERSION = '0.1.0';
