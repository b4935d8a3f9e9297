import fs from 'node:fs/promises';
import path from 'node:path';

/** The install script's template and the files it inlines, in agent/packaging (one source each). */
const PARTS = {
  script: 'install-agent.sh',
  configure: 'configure-agent.sh',
  unit: 'hivewatch-agent.service',
  rules: 'hivewatch-agent.rules',
} as const;

type Parts = Record<keyof typeof PARTS, string>;

/**
 * install-agent.sh as the hub serves it: the template with this hub's address, the shared
 * configuration functions, the systemd unit and the polkit rule filled in. The files are read once.
 */
export class InstallScript {
  private parts: Promise<Parts> | null = null;

  constructor(private readonly packagingDir: string) {}

  async render(hubUrl: string): Promise<string> {
    const { script, configure, unit, rules } = await this.load();
    return fill(script, {
      '@HIVEWATCH_HUB_URL@': hubUrl,
      '@HIVEWATCH_AGENT_CONFIGURE@': configure.trimEnd(),
      '@HIVEWATCH_AGENT_UNIT@': unit.trimEnd(),
      '@HIVEWATCH_AGENT_RULES@': rules.trimEnd(),
    });
  }

  private load(): Promise<Parts> {
    this.parts ??= (async () => {
      const entries = await Promise.all(
        Object.entries(PARTS).map(
          async ([key, file]) =>
            [key, await fs.readFile(path.join(this.packagingDir, file), 'utf8')] as const,
        ),
      );
      return Object.fromEntries(entries) as Parts;
    })();
    this.parts.catch(() => {
      this.parts = null;
    });
    return this.parts;
  }
}

/** Replaces each placeholder literally (no `$&` patterns: the parts are shell text). */
function fill(template: string, values: Record<string, string>): string {
  let text = template;
  for (const [placeholder, value] of Object.entries(values)) text = text.split(placeholder).join(value);
  return text;
}
