import { enrollBlocks } from '../servers/install-snippets';

const key = 'hwe_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

describe('enrollBlocks', () => {
  it('shows the key, the install one-liner, the .deb and the Ansible play for this hub', () => {
    const blocks = enrollBlocks('http://127.0.0.1:3000', key);
    expect(blocks.map((b) => b.label)).toEqual([
      'Enrollment key',
      'Agent command',
      'Or the .deb (Debian, Ubuntu)',
      'Ansible',
    ]);
    expect(blocks[1]?.value).toBe(
      `HIVEWATCH_ENROLLMENT_KEY=${key} sh -c "$(curl -fsSL http://127.0.0.1:3000/install-agent.sh)"`,
    );
    expect(blocks[1]?.value).not.toContain('--server');
    expect(blocks[3]?.value).toContain(`hivewatch_agent_enrollment_key: ${key}`);
  });
});
