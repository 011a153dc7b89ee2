/** @module Every vendor HTTP answer (vendor and status; 0 for no answer) announced to whoever counts them (metrics). */
import type { Vendor } from '../../contracts/model.js';

type Listener = (vendor: Vendor, status: number) => void;
const listeners = new Set<Listener>();

export function onVendorCall(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitVendorCall(vendor: Vendor, status: number): void {
  for (const listener of listeners) listener(vendor, status);
}
