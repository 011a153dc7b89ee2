/**
 * @module The context `<integration-hub>` provides to every element inside it: where the BFF is and
 * which token to send. Elements still take their own `api-base` and `token`, which win.
 */
import { createContext } from '@lit/context';

export interface ApiConnection {
  /** Base URL of the BFF's API, e.g. `/api` or `https://bff.example.com/api`. */
  apiBase?: string;
  /** The bearer token (JWT) the host portal got for the signed-in person. */
  token?: string;
}

/**
 * A string key, not a Symbol: two copies of this library on one page (say, two portal widgets that
 * each bundle it) still find the same provider.
 */
export const apiContext = createContext<ApiConnection>('integration-hub/api-connection');
