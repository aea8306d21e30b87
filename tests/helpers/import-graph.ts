import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ResolvedImport {
  from: string;
  specifier: string;
  /** Repo-relative path for our own files; undefined for packages and node builtins. */
  file?: string;
  /** Package name (`@slack/bolt`, `pino`, `node:fs`) for everything outside the repo. */
  pkg?: string;
}

const options: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true, resolveJsonModule: true };

function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every import of one file — `import`, `export … from`, `require()`, dynamic `import()` — resolved as the compiler does. */
export function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): ResolvedImport[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName: specifier }) => {
    const from = path.relative(ROOT, file);
    const r = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule;
    if (r && !r.isExternalLibraryImport && !r.resolvedFileName.includes(`${path.sep}node_modules${path.sep}`)) {
      return { from, specifier, file: path.relative(ROOT, r.resolvedFileName) };
    }
    return { from, specifier, pkg: packageName(specifier) };
  });
}

export function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFilesUnder(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every adapter folder (`adapters/<name>/`), found on disk so a new platform is checked too. */
export function adapterFolders(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'adapters'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (pkg: string) => pkg.startsWith('node:') || BUILTINS.has(pkg);

/** The only packages the core may import: everything else reaches it through a port. */
export const CORE_PACKAGES = ['luxon', 'node:crypto', 'intl-messageformat', 'minisearch', 'snowball-stemmers', 'stopword'];
/** Libraries any adapter may use beside Node's own modules: the HTTP router and body validation. */
export const ADAPTER_SHARED_PACKAGES = ['express', 'zod'];
/** Each platform's own libraries; a platform's library in another folder is a violation. */
export const ADAPTER_OWN_PACKAGES: Record<string, RegExp[]> = {
  // The Slack adapter reads its app manifest (yaml) for the install's scopes.
  slack: [/^@slack\//, /^yaml$/],
  teams: [/^botbuilder/, /^botframework-/, /^adm-zip$/],
};

/** The architecture's rules as allow-lists: what a core file and an adapter file may import. */
export function violations(imports: ResolvedImport[]): string[] {
  const bad: string[] = [];
  for (const i of imports) {
    const where = `${i.from} imports ${i.specifier}`;
    if (i.from.startsWith('src/core/')) {
      if (i.file && !i.file.startsWith('src/core/')) bad.push(`${where} (${i.file}): the core may only import the core`);
      if (i.pkg && !CORE_PACKAGES.includes(i.pkg)) bad.push(`${where}: the core talks to ${i.pkg} only through a port`);
    }
    const adapter = /^adapters\/([^/]+)\//.exec(i.from)?.[1];
    if (adapter && i.file) {
      const ownFolder = i.file.startsWith(`adapters/${adapter}/`);
      const port = i.file.startsWith('src/core/ports/');
      if (!ownFolder && !port) bad.push(`${where} (${i.file}): adapters import only the core's ports`);
    }
    if (adapter && i.pkg) {
      const ok = isBuiltin(i.pkg) || ADAPTER_SHARED_PACKAGES.includes(i.pkg) || (ADAPTER_OWN_PACKAGES[adapter] ?? []).some((re) => re.test(i.pkg!));
      if (!ok) bad.push(`${where}: not one of adapters/${adapter}'s own libraries`);
    }
  }
  return bad;
}

/** Places in one file that touch `process.env` (code only: comments and strings do not count). */
export function processEnvUses(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    const envAccess =
      (ts.isPropertyAccessExpression(n) && n.name.text === 'env') ||
      (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && n.argumentExpression.text === 'env');
    if (envAccess && ts.isIdentifier(n.expression) && n.expression.text === 'process') {
      found.push(`${path.relative(ROOT, file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

/** Imports of one file that bring values, not only types (`import type`, `export type`, all-`type` named lists do not count). */
export function valueImportsOf(file: string, text = fs.readFileSync(file, 'utf8')): ResolvedImport[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const valueSpecifiers = new Set<string>();
  const typeOnlyNames = (els: readonly { isTypeOnly: boolean }[] | undefined) => els !== undefined && els.length > 0 && els.every((e) => e.isTypeOnly);
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const c = st.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      if (!(c?.isTypeOnly || (c && !c.name && typeOnlyNames(named)))) valueSpecifiers.add(st.moduleSpecifier.text);
    }
    if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const named = st.exportClause && ts.isNamedExports(st.exportClause) ? st.exportClause.elements : undefined;
      if (!(st.isTypeOnly || typeOnlyNames(named))) valueSpecifiers.add(st.moduleSpecifier.text);
    }
  }
  // require() and import() always bring values; preProcessFile finds them with the rest.
  const dynamic = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName).filter((spec) => !src.statements.some(
    (st) => (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === spec,
  ));
  return importsOf(file, text).filter((i) => valueSpecifiers.has(i.specifier) || dynamic.includes(i.specifier));
}
