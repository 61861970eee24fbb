/** Shapes of the Loom REST API (`/api`), as the server sends them. */

export interface User {
  id: string | number;
  email: string;
  confirmed_at: string | null;
  created_at: string;
  /** The language the person chose; null until they choose one (then the workspace's, else the browser's). */
  language?: string | null;
  /** False for an account made with Google or Facebook (it has no password yet). */
  has_password?: boolean;
  /** Older answers (and test fixtures) may leave it out: then nothing is asked. */
  two_factor?: TwoFactorStatus;
  /** A super admin: works in the back office (`/admin`) and belongs to no workspace. */
  admin?: boolean;
}

/** Two-step sign-in: asked for during the first 30 days, then required. */
export interface TwoFactorStatus {
  enabled: boolean;
  /** Not set up yet, still optional: the app suggests it. */
  prompt: boolean;
  /** Not set up and past the deadline: nothing else works until it is. */
  required: boolean;
  /** When it becomes required (ISO 8601). */
  due_at: string;
}

/**
 * What proves, in the request itself, that it is the account's owner: the password, the app's
 * code (or a recovery code), or for an account with neither the typed email address.
 */
export interface IdentityProof {
  password?: string;
  code?: string;
  confirm_email?: string;
}

/** What `POST /api/auth/tf-setup` answers: the secret to give the authenticator app. */
export interface TwoFactorSetupStart {
  tf_state_token: string;
  /** A QR code of `tf_authr_uri`, as an image data URL. */
  tf_authr_qrcode: string;
  tf_authr_uri: string;
  /** The secret in base32, what authenticator apps take when it is typed in. */
  tf_authr_b32key: string;
  tf_authr_issuer: string;
  tf_authr_username: string;
}

/** What `POST /api/auth/login` and `POST /api/auth/refresh` return. */
export interface TokenPayload {
  user: User;
  access_token: string;
  /** ISO 8601 date-time (epoch seconds or milliseconds are accepted too). */
  access_expires_at: string | number;
  refresh_expires_at: string | number;
}

export interface Language {
  code: string;
  name: string;
}

export interface Meta {
  environment: string;
  support_email: string;
  sentry_dsn: string | null;
  /** The running release; errors are reported under it. */
  release?: string;
  dev_mailbox: boolean;
  languages: Language[];
  timezones: string[];
  /** Google, Facebook: the sign-in providers this server is set up for. */
  social_providers?: SocialProvider[];
  /** Column types and their filter operators; older servers leave it out. */
  column_types?: ColumnTypeInfo[];
}

export interface SocialProvider {
  name: string;
  label: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Tenant {
  id: string | number;
  name: string;
  slug: string;
  timezone: string;
  language: string;
  role: string;
  created_at: string;
  updated_at: string;
}

export interface TenantInput {
  name: string;
  slug: string;
  timezone: string;
  language: string;
}

export interface MailSummary {
  id: string | number;
  to: string;
  subject: string;
  created_at: string;
  status: string;
}

export interface MailMessage extends MailSummary {
  text: string;
  html: string | null;
}

/** RFC 7807 problem document, with Loom's per-field messages. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[] | string>;
}

/** One column type the server knows, with the filter operators it accepts. */
export interface ColumnTypeInfo {
  type: ColumnType;
  label: string;
  operators: FilterOperator[];
}

export type ColumnType =
  | "text"
  | "long_text"
  | "integer"
  | "decimal"
  | "boolean"
  | "date"
  | "datetime"
  | "choice"
  | "choices"
  | "email"
  | "url"
  | "phone"
  | "reference"
  | "user";

export type FilterOperator =
  | "eq"
  | "ne"
  | "contains"
  | "starts_with"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "between"
  | "in"
  | "before"
  | "after"
  | "within"
  | "empty"
  | "not_empty";
