/**
 * @module The vendor sandboxes in a process of their own for the intake benchmarks: the PSA is
 * another machine in production, and in the load generator's process its work would delay the
 * generator's schedule. The origin goes back over IPC.
 */
import { startSandboxServer } from '../helpers/sandbox-server.js';

const sandbox = await startSandboxServer();
process.send!({ origin: sandbox.origin });
process.on('SIGTERM', () => process.exit(0));
