/** @module The servers every two-way test file shares: the vendor sandboxes and the platform's test receiver, started once per file. */
import { afterAll, beforeAll } from 'vitest';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import type { RunningServer } from '../../helpers/serve.js';
import { startPlatformReceiver, type PlatformReceiver } from './two-way-harness.js';

export function twoWayServers(): { sandbox: RunningServer; receiver: PlatformReceiver } {
  const servers = {} as { sandbox: RunningServer; receiver: PlatformReceiver };
  beforeAll(async () => {
    servers.sandbox = await startSandboxServer();
    servers.receiver = await startPlatformReceiver();
  });
  afterAll(async () => {
    await servers.receiver.close();
    await servers.sandbox.close();
  });
  return servers;
}
