/**
 * @module The vendor sandboxes in their own process, for tests that kill BFF instances: what the
 * PSA received is counted here, so it survives any instance's death. Prints its origin.
 */
import { startSandboxServer } from '../helpers/sandbox-server.js';

const server = await startSandboxServer();
process.stdout.write(`Sandboxes: ${server.origin}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void server.close().finally(() => process.exit(0)); });
