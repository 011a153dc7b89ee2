/** @module The TestApp surface the setup helpers need (`call`), over real HTTP to a running server, as one admin. */
import type { TestApp } from './create-test-app.js';

export function httpTestApp(origin: string, admin: string): TestApp {
  return {
    async call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
      const token = options.token === undefined ? admin : options.token;
      return fetch(`${origin}${path}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
    },
  } as unknown as TestApp;
}
