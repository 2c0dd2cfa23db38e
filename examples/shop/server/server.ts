// Static server for the shop on node:http: the HTML shell for app routes, the two bundle files, 404 otherwise.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildShop, type ShopVariant } from '../build';
import type { RoutingMode } from '../src/config';
import { renderIndexHtml } from './html';

export interface ShopServerOptions {
  variant?: ShopVariant;
  /** Serve a copy of src/ from elsewhere (see buildShop). */
  srcDir?: string;
  routing?: RoutingMode;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Inserted into <head> before the app script, e.g. a recorder snippet. */
  extraHeadHtml?: string;
  /** Consulted first; return true when the request was handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface ShopServer {
  url: string;
  close(): Promise<void>;
}

const ASSETS: Record<string, string> = {
  '/app.js': 'text/javascript; charset=utf-8',
  '/styles.css': 'text/css; charset=utf-8',
};

// App routes are extension-less paths; anything that looks like a file and is not a known asset is a 404.
function isAppRoute(pathname: string): boolean {
  return !/\.[a-z0-9]+$/i.test(pathname);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

export async function startShopServer(opts: ShopServerOptions = {}): Promise<ShopServer> {
  const variant = opts.variant ?? 'friction';
  const routing = opts.routing ?? 'mpa';
  const host = opts.host ?? '127.0.0.1';
  const { dir } = await buildShop({ variant, srcDir: opts.srcDir });
  const html = renderIndexHtml({ variant, routing }, opts.extraHeadHtml);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (opts.extraRoutes?.(req, res)) return;
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain', 'Method not allowed', head);
    const { pathname } = new URL(req.url ?? '/', 'http://shop.local');
    const assetType = ASSETS[pathname];
    if (assetType) return send(res, 200, assetType, await fs.readFile(path.join(dir, pathname.slice(1))), head);
    if (isAppRoute(pathname)) return send(res, 200, 'text/html; charset=utf-8', html, head);
    send(res, 404, 'text/plain', 'Not found', head);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(error), false);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      variant: { type: 'string', default: 'friction' },
      routing: { type: 'string', default: 'mpa' },
      port: { type: 'string', default: '5173' },
      host: { type: 'string', default: '127.0.0.1' },
      src: { type: 'string' },
    },
  });
  if (values.variant !== 'friction' && values.variant !== 'fixed') throw new Error('--variant must be friction or fixed');
  if (values.routing !== 'mpa' && values.routing !== 'spa') throw new Error('--routing must be mpa or spa');
  const server = await startShopServer({
    variant: values.variant,
    routing: values.routing,
    port: Number(values.port),
    host: values.host,
    srcDir: values.src,
  });
  console.log(`Shop (${values.variant}, ${values.routing}) running at ${server.url}`);
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
