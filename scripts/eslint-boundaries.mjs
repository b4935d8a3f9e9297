// Import boundaries of the workspace (one contract): the console (web/) and the agent
// (agent/) never import the hub's source (src/), the client library (libs/client) imports only
// itself and @hivewatch/protocol, and the protocol library (libs/protocol) imports nothing of the
// project outside itself. Relative specifiers are resolved against the importing
// file, so `../../src/x` is caught however deep the file is; aliases to the hub (`@hub/…`) too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const under = (file, dir) => {
  const rel = path.relative(path.join(root, dir), file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Which area a file belongs to, and what it must not import (null: unrestricted). */
function areaOf(file) {
  if (under(file, 'web') || under(file, 'agent')) return 'client';
  if (under(file, 'libs/client')) return 'library';
  if (under(file, 'libs/protocol')) return 'protocol';
  return null;
}

/** Why `source` imported from `file` crosses a boundary; null when it does not. */
function violation(file, source) {
  const area = areaOf(file);
  if (area === null) return null;
  const hubAlias = source === '@hub' || source.startsWith('@hub/');
  const relative = source.startsWith('.') || source.startsWith('/');
  const target = relative ? path.resolve(path.dirname(file), source) : null;
  if (area === 'client') {
    if (hubAlias || (target !== null && under(target, 'src'))) {
      return 'web/ and agent/ must not import the hub source (src/): use @hivewatch/protocol';
    }
    return null;
  }
  if (area === 'library') {
    const project = hubAlias || source === '@hivewatch' || source.startsWith('@hivewatch/');
    if (project && source !== '@hivewatch/protocol') {
      return 'libs/client may import only @hivewatch/protocol of the project';
    }
    if (target !== null && !under(target, 'libs/client')) {
      return 'libs/client must not import anything outside libs/client (use @hivewatch/protocol)';
    }
    return null;
  }
  if (hubAlias || source === '@hivewatch' || source.startsWith('@hivewatch/')) {
    return 'libs/protocol must not import other parts of the project';
  }
  if (target !== null && !under(target, 'libs/protocol')) {
    return 'libs/protocol must not import anything outside libs/protocol';
  }
  return null;
}

const importBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep web/ and agent/ off src/, libs/client on the protocol, libs/protocol self-contained',
    },
    schema: [],
    messages: { crossed: '{{why}} (import of "{{source}}")' },
  },
  create(context) {
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      const why = violation(context.filename, source);
      if (why !== null) context.report({ node: node.source, messageId: 'crossed', data: { why, source } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
