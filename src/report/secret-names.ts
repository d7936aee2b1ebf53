/**
 * Which header, parameter and field names hold secrets. Names are compared by their letters and digits only, in
 * any case, so `api-key`, `api_key`, `apiKey` and `APIKEY` are one name. Pure.
 *
 * Names that trackers use for what the checks read stay out on purpose: a Media Edge `sessionID`, an Edge
 * `configId`, a socket's `sec-websocket-key` nonce, and `key` in JSON (a GameSparks AnalyticsRequest's timer name,
 * key/value lists); `key` is a secret only as a URL or form parameter, where Google and many others put API keys.
 */

/** Where a name was found: a JSON field (or free text), a URL or form parameter, or an HTTP header. */
export type NamePlace = 'field' | 'param' | 'header'

/** Names the user treats as secrets besides the built-in ones (options page); their values are replaced whole. */
export type ExtraSecretNames = readonly string[]

const SECRET_NAMES = new Set(
  [
    'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'jwt', 'auth', 'authorization', 'proxy-authorization',
    'api_key', 'api_secret', 'client_secret', 'access_token', 'refresh_token', 'id_token', 'session_token', 'auth_token',
    'sig', 'signature', 'private_key', 'secret_key', 'credentials',
    'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'AWSAccessKeyId',
  ].map(normalizedName),
)

/** Any name that ends like these is a secret too: `csrfToken`, `x-goog-api-key`, `newPassword`, `clientSecrets`. */
const SECRET_ENDINGS = ['token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'apikey', 'signature', 'privatekey', 'secretkey']

const PARAM_ONLY_NAMES = new Set(['key'])

/** Headers whose value starts with a scheme ("Bearer ", "Basic ") that stays readable. */
const SCHEME_HEADERS = new Set(['authorization', 'proxyauthorization'])

/** A name by its letters and digits, lower case: how two spellings of one name compare. */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** The built-in verdicts by name (a secret anywhere, or only as a parameter), remembered: captures repeat a few names. */
const builtIn = new Map<string, { anywhere: boolean; asParam: boolean }>()
const REMEMBERED = 4_096

function builtInVerdict(name: string): { anywhere: boolean; asParam: boolean } {
  let verdict = builtIn.get(name)
  if (verdict === undefined) {
    const normal = normalizedName(name)
    const anywhere = SECRET_NAMES.has(normal) || SECRET_ENDINGS.some((ending) => normal.endsWith(ending))
    verdict = { anywhere, asParam: anywhere || PARAM_ONLY_NAMES.has(normal) }
    // Names come from pages: what is remembered stays bounded.
    if (builtIn.size >= REMEMBERED) builtIn.clear()
    builtIn.set(name, verdict)
  }
  return verdict
}

export function isSecretName(name: string, place: NamePlace, extra: ExtraSecretNames = []): boolean {
  const verdict = builtInVerdict(name)
  return (place === 'param' ? verdict.asParam : verdict.anywhere) || isExtraSecretName(name, extra)
}

/** A name the user added; its value is replaced whole, even a JWT's claims. */
export function isExtraSecretName(name: string, extra: ExtraSecretNames): boolean {
  if (extra.length === 0) return false
  const normal = normalizedName(name)
  return extra.some((secret) => normalizedName(secret) === normal)
}

/** Authorization and Proxy-Authorization: their scheme tells the checks how the credential was sent. */
export function hasScheme(headerName: string): boolean {
  return SCHEME_HEADERS.has(normalizedName(headerName))
}
