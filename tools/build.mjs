// Compiles apps/, libs/ and tools/ to dist/ with swc, keeping the tree and rewriting the @insurer/* path aliases into
// relative requires so `node dist/apps/<svc>/src/main.js` runs without a loader. Type-checking is `npm run typecheck`.
import { transformFile } from '@swc/core';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
const SKIP = /(\.spec|\.int-spec|\.e2e-spec)\.ts$|\.d\.ts$/;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !SKIP.test(entry.name)) yield path;
  }
}

const started = Date.now();
await rm(out, { recursive: true, force: true });
const files = [];
for (const top of ['apps', 'libs', 'tools']) {
  for await (const file of sources(join(root, top))) files.push(file);
}
await Promise.all(
  files.map(async (file) => {
    const result = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceFileName: relative(join(out, dirname(relative(root, file))), file),
      jsc: { ...swcrc.jsc, baseUrl: root, paths: tsconfig.compilerOptions.paths },
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${result.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (result.map) await writeFile(`${target}.map`, result.map);
  }),
);
console.log(`build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
