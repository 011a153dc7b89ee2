/**
 * @module The one-port host `npm start` serves: the BFF API under /api, the built elements under
 * /elements (cached and compressed as a CDN would; both open to the configured host origins through
 * CORS), and in demo mode the vendor sandboxes under /sandbox/<vendor>/ and the demo host page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono, type Context, type ErrorHandler } from 'hono';
import type { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import { apiErrorHandler, createApi } from './app.js';
import { elementAssets } from './elements-assets.js';
import type { AppDeps } from './app-deps.js';
import { signToken } from './middleware/auth.js';
import { ProblemError, problemResponse, toProblem } from './errors.js';
import { corsHeaders, embedCors } from './middleware/cors.js';
import { DEMO_PARTNER_ID } from './demo/demo-organizations.js';
import { mountSandboxSource, type SandboxSource } from './sandboxes/mount.js';
import type { NodeListener } from './routes/routing-intake-node.js';

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

/** Whether a request came straight from this machine: a loopback peer and no proxy's forwarding header. */
export function fromLoopback(c: Context): boolean {
  if (c.req.header('forwarded') || c.req.header('x-forwarded-for') || c.req.header('x-real-ip')) return false;
  let address = '';
  try {
    address = getConnInfo(c).remote.address ?? '';
  } catch {
    return false; // not a Node socket (no peer to judge): refuse
  }
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Hono's own answer to an error (its default handler, which it does not export): an HTTPException's response, else a plain 500. */
const honoDefaultErrors: ErrorHandler = (error, c) => {
  if ('getResponse' in error) {
    const res = (error as HTTPException).getResponse();
    return c.newResponse(res.body, res);
  }
  console.error(error);
  return c.text('Internal Server Error', 500);
};

export function createHost({ deps, demo, allowedOrigins = new Set(), elementsDir = ELEMENTS_DIR }: HostOptions) {
  // The API's error handler is the host's own, so the API's routes are mounted as they are: a mounted
  // app with a handler of its own has each of its handlers wrapped in one more layer (app.ts).
  const host = new Hono();
  host.onError(apiErrorHandler(deps));
  const api = createApi(deps);
  // Intake's composed handler before everything (routing-intake.ts): it sets the CORS headers the
  // middleware below would, and hands what it does not take on to that middleware and the API's chain.
  const intakeCors = corsHeaders(allowedOrigins);
  host.post('/api/routing/alerts', api.composedIntake(intakeCors));
  // Before the API's routes, so a preflight never meets authentication.
  const crossOrigin = embedCors(allowedOrigins);
  host.use('/api/*', crossOrigin);
  host.use('/elements/*', crossOrigin);
  host.route('/', api.routes);
  // The elements, the demo page and the sandboxes answer errors as Hono does by default, as they always have.
  const pages = new Hono();
  pages.onError(honoDefaultErrors);
  // Source maps are public in demo mode only.
  pages.get('/elements/:file', elementAssets({ dir: elementsDir, sourceMaps: demo !== undefined, logger: deps.logger }));
  if (demo) {
    mountSandboxSource(pages, demo.sandboxes);
    const page = readFileSync(DEMO_PAGE, 'utf8');
    pages.get('/', (c) => c.html(page));
    // Demo only: the page gets a token as a host portal's backend would hand one to its page.
    pages.get('/demo/session', async (c) => c.json({
      partner: DEMO_PARTNER_ID,
      token: await signToken(demo.authSecret, { sub: 'demo-admin@northwind.example', partner: DEMO_PARTNER_ID, role: 'admin' }),
      routerToken: await signToken(demo.authSecret, { sub: 'alert-pipeline', partner: DEMO_PARTNER_ID, role: 'router' }),
    }));
    // Demo only, and only from this machine: an admin token for the seeded partner, so a host page
    // on another local origin can try the elements with the README alone. `?ttl=` seconds (1–3600, default 3600).
    pages.get('/demo/token', async (c) => {
      if (!fromLoopback(c)) {
        return problemResponse(c, toProblem(new ProblemError(403, 'loopback_only', 'Forbidden',
          '/demo/token answers requests from this machine only (127.0.0.1 or ::1), without a proxy in between.', { errors: [] })));
      }
      const ttl = Math.min(3600, Math.max(1, Number.parseInt(c.req.query('ttl') ?? '', 10) || 3600));
      return c.json({ partner: DEMO_PARTNER_ID, token: await signToken(demo.authSecret, { sub: 'demo-admin@northwind.example', partner: DEMO_PARTNER_ID, role: 'admin' }, ttl), expiresIn: ttl });
    });
  }
  host.route('/', pages);
  // For the Node server: intake's common case answered below Hono (routing-intake-node.ts), the rest by `listener` (the host's).
  return Object.assign(host, { withNodeIntake: (listener: NodeListener) => api.nodeIntake(intakeCors, listener) });
}
