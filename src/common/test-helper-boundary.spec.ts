import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '../..');

/** The hub build's root files, as `tsc -b` (tsconfig.hub.json) sees them after include/exclude. */
function hubBuildFiles(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.hub.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(d.messageText) },
  );
  if (!parsed) throw new Error('tsconfig.hub.json could not be read');
  return parsed.fileNames.map((f) => path.relative(root, f));
}

function fail(message: string | ts.DiagnosticMessageChain): never {
  throw new Error(ts.flattenDiagnosticMessageText(message, '\n'));
}

describe('test helpers stay out of the hub build (dist/)', () => {
  const files = hubBuildFiles();

  it('the build lists hub sources but no spec or *.test-helper.ts', () => {
    expect(files).toContain('src/main.ts');
    expect(files.filter((f) => /\.(spec|int-spec|test-helper)\.ts$/.test(f))).toEqual([]);
  });

  it('the helpers exist and are excluded by their name', () => {
    const all = ts.sys.readDirectory(path.join(root, 'src'), ['.ts']).map((f) => path.relative(root, f));
    expect(all).toEqual(
      expect.arrayContaining(['src/records/samples.test-helper.ts', 'src/records/servers.test-helper.ts']),
    );
  });

  it('no hub source imports a test helper (an import would pull it back into dist/)', () => {
    const importing = files.filter((f) =>
      /\.test-helper\.js['"]/.test(readFileSync(path.join(root, f), 'utf8')),
    );
    expect(importing).toEqual([]);
  });
});
