/**
 * @module The one-port host `npm start` serves: the BFF API under /api, the built elements under
 * /elements (cached and compressed as a CDN would; both open to the configured host origins through
 * CORS), and in demo mode the vendor sandboxes under /sandbox/<vendor>/ and the demo host page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createApp } from './app.js';
import { elementAssets } from './elements-assets.js';
import type { AppDeps } from './app-deps.js';
import { signToken } from './middleware/auth.js';
import { embedCors } from './middleware/cors.js';
import { DEMO_PARTNER_ID } from './demo/demo-organizations.js';
import { mountSandboxSource, type SandboxSource } from './sandboxes/mount.js';

const ELEMENTS_DIR = fileURLToPath(new URL('../dist/elements', import.meta.url));
const DEMO_PAGE = fileURLToPath(new URL('./demo/index.html', import.meta.url));

export interface HostOptions {
  deps: AppDeps;
  /** Present in demo mode: the sandboxes to mount and the secret to sign the page's tokens with. */
  demo?: { sandboxes: SandboxSource; authSecret: string };
  /** Host page origins allowed to load the elements and call the API from another origin (CORS). */
  allowedOrigins?: ReadonlySet<string>;
  /** The built elements (default `dist/elements`); tests point it at a folder of their own. */
  elementsDir?: string;
}

export function createHost({ deps, demo, allowedOrigins = new Set(), elementsDir = ELEMENTS_DIR }: HostOptions) {
  const host = new Hono();
  // Before the API's routes, so a preflight never meets authentication.
  const crossOrigin = embedCors(allowedOrigins);
  host.use('/api/*', crossOrigin);
  host.use('/elements/*', crossOrigin);
  host.route('/', createApp(deps));
  // Source maps are public in demo mode only.
  host.get('/elements/:file', elementAssets({ dir: elementsDir, sourceMaps: demo !== undefined, logger: deps.logger }));
  if (demo) {
    mountSandboxSource(host, demo.sandboxes);
    const page = readFileSync(DEMO_PAGE, 'utf8');
    host.get('/', (c) => c.html(page));
    // Demo only: the page gets a token as a host portal's backend would hand one to its page.
    host.get('/demo/session', async (c) => c.json({
      partner: DEMO_PARTNER_ID,
      token: await signToken(demo.authSecret, { sub: 'demo-admin@northwind.example', partner: DEMO_PARTNER_ID, role: 'admin' }),
      routerToken: await signToken(demo.authSecret, { sub: 'alert-pipeline', partner: DEMO_PARTNER_ID, role: 'router' }),
    }));
  }
  return host;
}
