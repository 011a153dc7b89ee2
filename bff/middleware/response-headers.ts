/** @module The headers every API answer carries (set by createApiRoutes' first middleware, and by intake's composed handler). */
export const API_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'X-Content-Type-Options': 'nosniff' });
