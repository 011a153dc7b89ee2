/**
 * @module Operator settings of plugged-in vendors (vendor-catalog.ts PLUGGED_VENDORS): read from
 * their own environment variables, the sandbox in demo mode, and a wrong value stops start-up
 * naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { pluggedEndpointsFromEnv, VendorEnvError } from '../../../bff/vendors/vendor-env.js';
import { start } from '../../../bff/server.js';

describe('plugged vendors’ environment', () => {
  it('points every plugged vendor at its sandbox in demo mode, with the sandbox platform id', () => {
    const endpoints = pluggedEndpointsFromEnv({}, { useSandbox: true, sandboxOrigin: 'http://127.0.0.1:9' });
    expect(endpoints.connectwise).toEqual({ baseUrl: 'http://127.0.0.1:9/sandbox/connectwise', platformId: '00000000-0000-4000-8000-00000000c11d', allowedHosts: [] });
  });

  it('reads the operator’s base URL, clientId and allowed on-premises hosts; real mode has no defaults', () => {
    const real = pluggedEndpointsFromEnv({}, { useSandbox: false, sandboxOrigin: 'x' });
    expect(real.connectwise).toEqual({ platformId: undefined, allowedHosts: [] });
    const set = pluggedEndpointsFromEnv({
      CONNECTWISE_BASE_URL: 'https://cw-proxy.example/', CONNECTWISE_CLIENT_ID: 'abc', CONNECTWISE_ALLOWED_HOSTS: 'CW.Example.com, cw2.example.org:8443',
    }, { useSandbox: false, sandboxOrigin: 'x' });
    expect(set.connectwise).toEqual({ baseUrl: 'https://cw-proxy.example', platformId: 'abc', allowedHosts: ['cw.example.com', 'cw2.example.org:8443'] });
  });

  it('stops start-up on a wrong value, naming the variable', async () => {
    expect(() => pluggedEndpointsFromEnv({ CONNECTWISE_ALLOWED_HOSTS: 'https://cw.example.com/x' }, { useSandbox: false, sandboxOrigin: 'x' })).toThrow(VendorEnvError);
    await expect(start({ CONNECTWISE_BASE_URL: 'not a url', DATABASE_PATH: ':memory:', PORT: '0' })).rejects.toThrow(/CONNECTWISE_BASE_URL: must be a URL/);
  });
});
