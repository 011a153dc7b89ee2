/**
 * @module Which hosts and ports a vendor call may go to. A vendor's cloud host (a Halo cloud name,
 * an Autotask zone, a BMS region, a Datto platform, a Syncro account, a ConnectWise region) is
 * reached on https's port 443 only, never on a port an admin or an answer names. An operator's
 * allowed host (`*_ALLOWED_HOSTS`) is taken as written: `host` allows only the scheme's default
 * port, `host:port` only that port.
 */

/** A cloud host's URL: https, on the default port (443). */
export function onCloudPort(url: URL): boolean {
  return url.protocol === 'https:' && url.port === '';
}

/** Whether an operator's entry (`host` or `host:port`) allows this URL's host and port. */
export function operatorAllows(url: URL, entries: readonly string[]): boolean {
  return entries.some((entry) => {
    try {
      // URL lower-cases the host and drops the scheme's default port, so `h:443` and `h` compare equal on https.
      return new URL(`${url.protocol}//${entry.trim()}`).host === url.host;
    } catch {
      return false;
    }
  });
}
