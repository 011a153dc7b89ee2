/**
 * @module ApiProblem: every failed BFF call as one error type, carrying the problem+json fields so an
 * element can show `detail` and put each `errors[].message` next to its field.
 */

/** One field the BFF refused, e.g. `{ field: 'credentials.secret', message: 'is required' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The problem+json body the BFF sends with every non-2xx answer (RFC 9457). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldProblem[];
}

/**
 * A failed call to the BFF. `status` is 0 when the BFF could not be reached at all (network error),
 * with `code` `network`; otherwise it is the HTTP status and the fields are the BFF's own.
 */
export class ApiProblem extends Error implements ProblemBody {
  override readonly name = 'ApiProblem';
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  /** The body's extension members (RFC 9457 §3.2), e.g. `existingIntegrationId` of a 409 `psa_exists`. */
  readonly extra: Record<string, unknown>;

  constructor(body: ProblemBody & Record<string, unknown>) {
    super(body.detail ?? body.title);
    this.type = body.type;
    this.title = body.title;
    this.status = body.status;
    this.code = body.code;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
    this.extra = Object.fromEntries(Object.entries(body).filter(([key]) => !STANDARD_MEMBERS.has(key)));
  }

  /** True for a missing, expired or refused token (401) and a role that may not do this (403). */
  get isAuthProblem(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** The message for one field (dotted path as the BFF names it), if the BFF refused that field. */
  messageFor(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }

  /** Reads a non-2xx response. Bodies that are not problem+json (a proxy's HTML 502) still give a usable problem. */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    let body: Partial<ProblemBody> = {};
    try {
      const parsed: unknown = await response.json();
      if (parsed && typeof parsed === 'object') body = parsed as Partial<ProblemBody>;
    } catch {
      // Not JSON: fall back to the status line below.
    }
    return new ApiProblem({
      ...body,
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : response.statusText || 'Request failed',
      status: response.status,
      code: typeof body.code === 'string' ? body.code : 'http_error',
      detail: typeof body.detail === 'string' ? body.detail : `The integration service answered ${response.status}.`,
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : undefined,
    });
  }

  /** The BFF did not answer at all (offline, wrong `api-base`, CORS refused). */
  static network(apiBase: string, cause: unknown): ApiProblem {
    const problem = new ApiProblem({
      type: 'urn:integration-hub:problem:network',
      title: 'Service unreachable',
      status: 0,
      code: 'network',
      detail: `The integration service at ${apiBase} could not be reached. Check your connection and try again.`,
    });
    (problem as { cause?: unknown }).cause = cause;
    return problem;
  }
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'errors', 'instance']);

function isFieldProblem(value: unknown): value is FieldProblem {
  return Boolean(value) && typeof (value as FieldProblem).field === 'string' && typeof (value as FieldProblem).message === 'string';
}
