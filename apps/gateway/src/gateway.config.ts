import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { COMMENT_LIMITS, POLL_LIMITS } from '@app/contracts';
import { CommonEnv, IsNotPlaceholder, IsStrongSecret, ToBool, ToInt, ToList } from '@app/runtime';

/** Every setting of the gateway, read once at start (README: Configuration). */
export class GatewayEnv extends CommonEnv {
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Demo mode: demo data and the demo page at `/`. Secrets may be left unset (random per start). */
  @ToBool()
  @IsBoolean()
  DEMO = true;

  /** Origins allowed to call the API from a browser (the portal's pages); empty: same origin only. */
  @ToList()
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /** Proxies (addresses or CIDRs) whose X-Forwarded-For is believed; none by default. */
  @ToList()
  @IsString({ each: true })
  TRUST_PROXY: string[] = [];

  @ToInt()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** How long the gateway waits for a service before answering 503. */
  @ToInt()
  @IsInt()
  @Min(50)
  @Max(60000)
  NATS_REQUEST_TIMEOUT_MS = 5000;

  /** Signs reader tokens (HMAC-SHA256). At least 32 characters. */
  @IsOptional()
  @IsStrongSecret()
  READER_TOKEN_SECRET?: string;

  /** Signs staff access tokens (HS256 JWT). At least 32 characters. */
  @IsOptional()
  @IsStrongSecret()
  STAFF_JWT_SECRET?: string;

  /** Key of the keyed hashes of reader ids and client addresses. At least 32 characters. */
  @IsOptional()
  @IsStrongSecret()
  HASH_SECRET?: string;

  @ToInt()
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  STAFF_TOKEN_TTL_SECONDS = 8 * 3600;

  /** Portal user JWTs: verified with this shared secret (HS256) ... */
  @IsOptional()
  @IsStrongSecret()
  PORTAL_JWT_SECRET?: string;

  /** ... or with the keys at this JWKS URL. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PORTAL_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  PORTAL_JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  PORTAL_JWT_AUDIENCE?: string;

  @IsOptional()
  @IsString()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  @IsNotPlaceholder()
  ADMIN_PASSWORD?: string;

  /** Failed staff logins one client address may make in 15 minutes (README: Login throttling). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_FAILURES_PER_ADDRESS = 30;

  /** Failed staff logins for one email from one client address in 15 minutes. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_FAILURES_PER_EMAIL_PER_ADDRESS = 5;

  /** Attempts for one email from addresses new to it before each further one waits 1, 2, 4 ... s. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_EMAIL_FAILURES_BEFORE_DELAY = 10;

  /** The first of those waits, in seconds; each next one is twice as long. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_EMAIL_DELAY_FIRST_SECONDS = 1;

  /** The longest of those waits. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_EMAIL_DELAY_MAX_SECONDS = 600;

  /** Days an address an account logged in from skips the email's wait; 0 turns that off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(365)
  LOGIN_KNOWN_ADDRESS_DAYS = 30;

  /** Reader tokens one address may obtain per hour. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000000)
  READER_TOKENS_PER_ADDRESS_PER_HOUR = 300;

  /** Longest a cached poll is served without a refresh, should a change signal be lost. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(600000)
  POLL_CACHE_TTL_MS = 10000;

  /**
   * Longest the cached first page of an article's comments is served without a refresh; the comments
   * service's change signal drops it sooner.
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(600000)
  COMMENTS_CACHE_TTL_MS = 10000;

  /** Articles whose first comment pages one gateway copy keeps in memory. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000000)
  COMMENTS_CACHE_MAX_ARTICLES = 10000;

  /** Posts of comments sent to the comments service in one message at most; the contract's batch caps it. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(COMMENT_LIMITS.postBatchMax)
  COMMENT_POST_FORWARD_BATCH_MAX = 32;

  /** How long a post waits at the gateway for others to share its message; 0 sends each at once. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(100)
  COMMENT_POST_FORWARD_DELAY_MS = 1;

  /** Votes sent to the polls service in one message at most; the contract's batch caps it. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(POLL_LIMITS.voteBatchMax)
  POLL_VOTE_FORWARD_BATCH_MAX = 32;

  /** How long a vote waits at the gateway for others to share its message; 0 sends each at once. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(100)
  POLL_VOTE_FORWARD_DELAY_MS = 1;

  /** Least time between two recounts pushed to the moderators' live queue counts. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(60000)
  COMMENTS_LIVE_INTERVAL_MS = 1000;

  /** Open moderation count streams (SSE) one gateway copy serves at most; more get 503. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000000)
  COMMENTS_LIVE_MAX_STREAMS = 10000;

  /** Open live streams (SSE) one client address may hold on one gateway copy; more get 429. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  LIVE_STREAMS_PER_ADDRESS = 20;

  /** Least time between two `results` events of one poll's live stream. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(60000)
  POLL_LIVE_INTERVAL_MS = 1000;

  /** Open live streams one gateway copy serves at most; more get 503. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000000)
  POLL_LIVE_MAX_STREAMS = 10000;

  /** Open notification streams (staff's live unread counts) one gateway copy serves at most; more get 503. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000000)
  NOTIFICATION_LIVE_MAX_STREAMS = 10000;
}

/** The secrets the gateway runs with, after demo defaults were applied. */
export interface GatewaySecrets {
  readerToken: string;
  staffJwt: string;
  hash: string;
}
