/** What the protocol layer needs to reach one Asterisk. The password is passed in, never stored here. */
export interface AriServerConfig {
  /** A short name people use for this Asterisk ("pbx1"); it appears in messages. */
  name: string;
  /** `http(s)://host:port[/prefix]`, the address of Asterisk's HTTP server (http.conf). */
  baseUrl: string;
  username: string;
  password: string;
  tls?: AriTlsOptions;
  /** Per-request timeout of REST calls, ms. */
  requestTimeoutMs?: number;
}

export interface AriTlsOptions {
  /** PEM text of the CA that signed the server's certificate (for self-signed setups). */
  ca?: string;
  /** Defaults to true; false accepts any certificate and should be used only on a lab network. */
  rejectUnauthorized?: boolean;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
