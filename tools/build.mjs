// Compiles apps/, libs/, tools/ and bench/ to dist/ with swc, keeping the tree and rewriting the @insurer/* path aliases into
// relative requires so `node dist/apps/<svc>/src/main.js` runs without a loader. Type-checking is `npm run typecheck`.
import { transformFile } from '@swc/core';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
const SKIP = /(\.spec|\.int-spec|\.e2e-spec|\.fixture)\.ts$|\.d\.ts$/;

/** Static assets a service serves (the analytics dashboard page) travel next to the compiled code. */
const ASSET = /\.html$/;

async function* sources(dir, match) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path, match);
    else if (match(entry.name)) yield path;
  }
}

const started = Date.now();
await rm(out, { recursive: true, force: true });
const files = [];
const assets = [];
for (const top of ['apps', 'libs', 'tools', 'bench']) {
  for await (const file of sources(join(root, top), (n) => n.endsWith('.ts') && !SKIP.test(n)))
    files.push(file);
  for await (const file of sources(join(root, top), (n) => ASSET.test(n))) assets.push(file);
}
for (const asset of assets) {
  const target = join(out, relative(root, asset));
  await mkdir(dirname(target), { recursive: true });
  await copyFile(asset, target);
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
