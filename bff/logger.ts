/**
 * @module The BFF's logger (pino). Request bodies and headers are never logged; as a second line of
 * defence every field that could hold a credential or token is redacted wherever it appears.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_KEYS = [
  'password', 'secret', 'apiSecret', 'apiKey', 'apiToken', 'token', 'accessToken', 'refreshToken',
  'credentials', 'authorization', 'Authorization', 'Secret', 'ApiIntegrationCode', 'api_key',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino({ level, redact: { paths, censor: '[redacted]' }, base: undefined }, destination);
}

export type { Logger };
