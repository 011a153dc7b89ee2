/**
 * @module Group commit: writes that arrive close together (the same turn of the event loop, so
 * within a few milliseconds under load) share one transaction, and each caller's promise settles
 * only after that transaction has committed, so nobody is answered before their row is durable.
 * One commit per batch instead of one per write is what lets intake approach the database's floor.
 * At most one batch is being written at a time; what arrives meanwhile forms the next batch.
 */

interface Pending<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

/** Writes one batch in one transaction; returns one result per input, in order. */
export type BatchWriter<In, Out> = (inputs: In[]) => Out[] | Promise<Out[]>;

export class GroupCommit<In, Out> {
  #queue: Pending<In, Out>[] = [];
  #scheduled = false;
  #writing = false;

  /** `maxBatch` bounds one transaction (and one statement's parameter count on PostgreSQL). */
  constructor(private readonly write: BatchWriter<In, Out>, private readonly maxBatch = 256) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#writing) return;
    this.#scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: every request parsed in it joins the batch.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.#writing = true;
    try {
      const results = await this.write(batch.map((p) => p.input));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.#writing = false;
      if (this.#queue.length > 0) this.#schedule();
    }
  }
}
