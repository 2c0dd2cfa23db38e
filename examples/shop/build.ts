// Bundles the shop with esbuild into dist/<variant>/ (app.js + styles.css); the fixed variant swaps src/parts modules.
import { build, type Plugin } from 'esbuild';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

export type ShopVariant = 'friction' | 'fixed';

const SHOP_DIR = __dirname;
const SRC_DIR = path.join(SHOP_DIR, 'src');
const PARTS_DIR = path.join(SRC_DIR, 'parts');
const FIXED_DIR = path.join(SHOP_DIR, 'fixed');
const OUTPUT_FILES = ['app.js', 'styles.css'];

export function shopDistDir(variant: ShopVariant): string {
  return path.join(SHOP_DIR, 'dist', variant);
}

// Redirects `.../parts/<Name>` imported from inside src/ to fixed/<Name>; fixed/ itself still reaches the originals.
function fixedPartsPlugin(): Plugin {
  return {
    name: 'shop-fixed-parts',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\/parts\/[\w-]+$/ }, (args) => {
        if (!args.importer.startsWith(SRC_DIR + path.sep)) return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        if (path.dirname(target) !== PARTS_DIR) return undefined;
        const replacement = ['.tsx', '.ts']
          .map((ext) => path.join(FIXED_DIR, path.basename(target) + ext))
          .find((candidate) => existsSync(candidate));
        return replacement ? { path: replacement } : undefined;
      });
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

async function isUpToDate(variant: ShopVariant, outDir: string): Promise<boolean> {
  const outputTimes = await Promise.all(OUTPUT_FILES.map((name) => mtimeMs(path.join(outDir, name))));
  if (outputTimes.some((time) => time === null)) return false;
  const inputs = [__filename, ...(await listFiles(SRC_DIR)), ...(variant === 'fixed' ? await listFiles(FIXED_DIR) : [])];
  const inputTimes = await Promise.all(inputs.map(mtimeMs));
  const newestInput = Math.max(...inputTimes.map((time) => time ?? Infinity));
  return Math.min(...(outputTimes as number[])) > newestInput;
}

async function bundle(variant: ShopVariant, outDir: string, srcDir = SRC_DIR): Promise<void> {
  const result = await build({
    entryPoints: { app: path.join(srcDir, 'main.tsx'), styles: path.join(srcDir, 'styles.css') },
    outdir: outDir,
    bundle: true,
    write: false,
    minify: false,
    sourcemap: false,
    target: 'es2020',
    platform: 'browser',
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: variant === 'fixed' ? [fixedPartsPlugin()] : [],
    logLevel: 'silent',
  });
  await fs.mkdir(outDir, { recursive: true });
  // Write-then-rename so a server in another process never serves a half-written bundle.
  await Promise.all(
    result.outputFiles.map(async (file) => {
      const temp = `${file.path}.${process.pid}.tmp`;
      await fs.writeFile(temp, file.contents);
      await fs.rename(temp, file.path);
    }),
  );
}

const inFlight = new Map<ShopVariant, Promise<{ dir: string }>>();

/**
 * `srcDir`: bundle another copy of src/ (e.g. one a fix was applied to, for `friction fix --predict`) into
 * `<srcDir>-dist`, always afresh; the variant's part swapping applies to the shop's own src/ only.
 */
export function buildShop({ variant, srcDir }: { variant: ShopVariant; srcDir?: string }): Promise<{ dir: string }> {
  if (srcDir && path.resolve(srcDir) !== SRC_DIR) {
    const outDir = `${path.resolve(srcDir)}-dist`;
    return bundle('friction', outDir, path.resolve(srcDir)).then(() => ({ dir: outDir }));
  }
  const running = inFlight.get(variant);
  if (running) return running;
  const outDir = shopDistDir(variant);
  const job = (async () => {
    if (!(await isUpToDate(variant, outDir))) await bundle(variant, outDir);
    return { dir: outDir };
  })().finally(() => inFlight.delete(variant));
  inFlight.set(variant, job);
  return job;
}
