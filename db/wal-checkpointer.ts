/**
 * @module SQLite's WAL checkpoints off the event loop. By default the connection that commits the
 * WAL past 1,000 pages copies them into the database file inside that commit, with an fsync of the
 * WAL before and of the database after: measured, commits that ran one held the event loop 10–56 ms
 * (every second or so under a steady 2,000 alerts/s, intake's and the worker's commits alike), and
 * every request waiting meanwhile waited that out. Here the serving connection stops checkpointing
 * (`wal_autocheckpoint = 0`) and a worker thread with a connection of its own runs a PASSIVE
 * checkpoint every `intervalMs`: it waits for no reader or writer and blocks none, so commits only
 * append to the WAL. Should the thread fail or end, the serving connection checkpoints itself again,
 * so the WAL never grows without bound. Durability is unchanged (the same syncs, on another thread).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's own default: the serving connection checkpoints at this many WAL pages when the thread is gone. */
const AUTOCHECKPOINT_PAGES = 1_000;

/**
 * The thread's code, evaluated as CommonJS (a file of its own would need a build entry): it opens
 * the database, says so, and checkpoints on its timer until asked to stop (a last checkpoint, then
 * it closes). A checkpoint that meets another one (a second process) returns busy and waits for the next tick.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint.get();
  db.close();
  parentPort.postMessage('stopped');
});
parentPort.postMessage('ready');
`;

export interface WalCheckpointer {
  /** Whether the thread took over (it opens its connection in the background); false when it could not. */
  ready: Promise<boolean>;
  /** Stops the thread after a last checkpoint; the serving connection checkpoints itself again. */
  stop(): Promise<void>;
}

/**
 * Moves `client`'s checkpoints (a file database at `path`, in WAL mode) to a thread of their own,
 * once the thread has opened its connection (a thread takes tens of milliseconds to start, up to a
 * second on a busy machine: start-up does not wait for it; the connection checkpoints itself until
 * then). `onError` hears of a thread that failed; the connection checkpoints itself from then on.
 */
export function startWalCheckpointer(client: Database.Database, path: string, onError: (error: unknown) => void, intervalMs = 500): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const thread = new Worker(THREAD_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
  let stopping = false;
  const selfCheckpoint = () => {
    if (client.open) client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  const exited = new Promise<void>((resolve) => thread.once('exit', () => {
    if (!stopping) selfCheckpoint();
    stopping = true;
    resolve();
  }));
  thread.on('error', onError);
  const ready = new Promise<boolean>((resolve) => {
    thread.once('message', () => {
      if (!stopping && client.open) client.pragma('wal_autocheckpoint = 0');
      resolve(!stopping);
    });
    void exited.then(() => resolve(false));
  });
  return {
    ready,
    async stop() {
      if (!stopping) {
        stopping = true;
        selfCheckpoint();
        // After 'ready' (the thread listens from then on): a last checkpoint, then it says 'stopped'.
        void ready.then(() => {
          thread.once('message', () => void thread.terminate());
          thread.postMessage('stop');
        });
      }
      await exited;
    },
  };
}
