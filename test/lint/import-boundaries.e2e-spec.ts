import { describe, expect, it, jest } from '@jest/globals';
import { ESLint } from 'eslint';
import path from 'node:path';

/**
 * The workspace's import boundaries (eslint.config.js, scripts/eslint-boundaries.mjs) with the
 * real lint configuration: snippets linted as if they were files of the console, the agent and
 * the protocol library.
 */
const root = path.resolve(import.meta.dirname, '../..');
const RULE = 'hivewatch/import-boundaries';

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  // With CI set, typescript-eslint infers a single run and lints the file as it is on disk,
  // ignoring the text given here: turn that inference off so the snippet itself is linted.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } }],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

jest.setTimeout(120_000);

describe('import boundaries', () => {
  it('refuses the hub source in the console, relative or through an alias', async () => {
    const file = 'web/src/app/core/hub-types.ts';
    expect(
      await boundaryErrors(file, "export type { Sample } from '../../../../src/records/sample.js';\n"),
    ).toEqual([expect.stringContaining('must not import the hub source')]);
    expect(
      await boundaryErrors(
        file,
        "import type { Sample } from '@hub/records/sample';\nexport type S = Sample;\n",
      ),
    ).toEqual([expect.stringContaining('must not import the hub source')]);
    expect(await boundaryErrors(file, "export type { Server } from '@hivewatch/protocol';\n")).toEqual([]);
  });

  it('refuses the hub source in the agent', async () => {
    const code =
      "import { GAUGES } from '../../src/records/metric-catalog.js';\nexport const n = GAUGES.length;\n";
    expect(await boundaryErrors('agent/src/agent.ts', code)).toEqual([
      expect.stringContaining('must not import the hub source'),
    ]);
  });

  it('keeps the client library on the protocol library', async () => {
    const file = 'libs/client/src/client.ts';
    expect(await boundaryErrors(file, "export * from '../../../src/cli/cli.module.js';\n")).toEqual([
      expect.stringContaining('outside libs/client'),
    ]);
    expect(await boundaryErrors(file, "export type { Sample } from '@hub/records/sample';\n")).toEqual([
      expect.stringContaining('only @hivewatch/protocol'),
    ]);
    expect(await boundaryErrors(file, "export type { Server } from '@hivewatch/protocol';\n")).toEqual([]);
    expect(await boundaryErrors(file, "export * from './errors.js';\n")).toEqual([]);
  });

  it('keeps the protocol library to itself', async () => {
    const file = 'libs/protocol/src/api/index.ts';
    expect(await boundaryErrors(file, "export * from '../../../../src/servers/tags.js';\n")).toEqual([
      expect.stringContaining('outside libs/protocol'),
    ]);
    expect(await boundaryErrors(file, "export * from './servers.js';\n")).toEqual([]);
  });
});
