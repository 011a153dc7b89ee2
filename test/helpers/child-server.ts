/**
 * @module How tests start a server process of the project's own (a BFF, the sandboxes): node with
 * tsx, and exit-with-parent.ts preloaded, so the process ends with the test run that started it.
 * Spawn it with stdin as a pipe (`stdio: ['pipe', ...]`): that pipe is what the child watches.
 */
import { fileURLToPath } from 'node:url';

const EXIT_WITH_PARENT = fileURLToPath(new URL('./exit-with-parent.ts', import.meta.url));

/** Node's arguments to run `script` (a .ts path from the repository root) as a child server. */
export const childServerArgs = (script: string): string[] => ['--import', 'tsx', '--import', EXIT_WITH_PARENT, script];
