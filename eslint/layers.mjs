// The layers of docs/architecture.md, as one table: each folder of app/ may import only the
// folders listed for it (and itself). Everything else — an arrow that runs back up, or a
// cycle between folders — is a lint error naming the rule that forbids it.
import { dirname, relative, resolve, sep } from 'node:path';

const PROTOCOLS = ['net', 'pki', 'kerberos', 'ldap', 'uem', 'iis', 'eas'];
const GROUND = ['contract', 'version'];

/** Folder of app/ → the folders of app/ it may import from. Order: ground floor first. */
export const LAYERS = {
  contract: [],
  version: [],
  files: [...GROUND],
  config: [...GROUND, 'files'],
  net: [...GROUND, 'config'],
  pki: [...GROUND, 'config', 'net'],
  kerberos: [...GROUND, 'config', 'net'],
  ldap: [...GROUND, 'config', 'net'],
  iis: [...GROUND, 'config', 'files'],
  uem: [...GROUND, 'config', 'net', 'pki'],
  eas: [...GROUND, 'config', 'net', 'pki'],
  scripts: [...GROUND, 'config', 'files', ...PROTOCOLS],
  checks: [...GROUND, 'config', 'files', ...PROTOCOLS, 'scripts'],
  configure: [...GROUND, 'config', 'files', ...PROTOCOLS, 'scripts'],
  report: [...GROUND, 'config', 'files', ...PROTOCOLS, 'scripts', 'checks'],
  bundle: [...GROUND, 'config', 'files', ...PROTOCOLS, 'scripts', 'checks', 'configure', 'report'],
  core: [...GROUND, 'config', 'files', ...PROTOCOLS, 'scripts', 'checks', 'configure', 'report', 'bundle'],
  cli: [...GROUND, 'config', 'files', ...PROTOCOLS, 'scripts', 'checks', 'configure', 'report', 'bundle', 'core'],
};

/** Faces outside app/: what each may reach inside it. */
const FACES = {
  renderer: ['contract'],
  main: ['contract', 'core', 'config', 'version'],
};

function appFolder(root, file) {
  const rel = relative(resolve(root, 'app'), file);
  if (rel.startsWith('..') || rel === '') return null;
  const first = rel.split(sep)[0];
  return first.replace(/\.ts$/, '');
}

function topFolder(root, file) {
  const rel = relative(root, file);
  return rel.startsWith('..') ? null : rel.split(sep)[0];
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers of app/: imports run only down the table in eslint/layers.mjs' },
    schema: [],
    messages: {
      upward: 'app/{{from}}/ may not import app/{{to}}/ (it may import: {{allowed}}). Move the shared piece down a layer, or the importer up.',
      unknown: 'app/{{from}}/ is not in the layer table (eslint/layers.mjs): add it there, at its floor.',
      face: '{{face}}/ may reach app/ only through {{allowed}}, not app/{{to}}/.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = appFolder(root, file);
    const face = from === null ? topFolder(root, file) : null;
    if (from === null && !(face in FACES)) return {};
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const to = appFolder(root, target);
      if (to === null || to === from) return;
      if (from === null) {
        if (!FACES[face].includes(to)) context.report({ node, messageId: 'face', data: { face, to, allowed: FACES[face].map((f) => `app/${f}/`).join(', ') } });
        return;
      }
      const allowed = LAYERS[from];
      if (allowed === undefined) return context.report({ node, messageId: 'unknown', data: { from } });
      if (!allowed.includes(to)) context.report({ node, messageId: 'upward', data: { from, to, allowed: allowed.join(', ') || 'nothing else of app/' } });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { imports: rule } };
