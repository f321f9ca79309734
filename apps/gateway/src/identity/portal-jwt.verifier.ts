import { createRemoteJWKSet, decodeJwt, JWTVerifyGetKey, jwtVerify } from 'jose';
import { STAFF_TOKEN_ISSUER } from './staff-tokens';

export interface PortalJwtOptions {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Verifies the portal's own user JWTs (a logged-in reader), with a shared secret or the portal's JWKS.
 * When neither is configured, portal logins are simply not accepted.
 */
export class PortalJwtVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly options: PortalJwtOptions) {
    if (options.secret) this.secret = new TextEncoder().encode(options.secret);
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 3000 });
  }

  get enabled(): boolean {
    return this.secret !== undefined || this.jwks !== undefined;
  }

  /** The portal user's id, or null when the token is not a valid portal token. */
  async verify(token: string): Promise<string | null> {
    const common = { issuer: this.options.issuer, audience: this.options.audience };
    try {
      const { payload } = this.jwks
        ? await jwtVerify(token, this.jwks, common)
        : this.secret
          ? await jwtVerify(token, this.secret, { ...common, algorithms: ['HS256', 'HS384', 'HS512'] })
          : { payload: null };
      return payload?.sub && payload.iss !== STAFF_TOKEN_ISSUER ? payload.sub : null;
    } catch {
      return null;
    }
  }
}

/** Whether a bearer token claims to be one of our staff tokens (so it is never tried as a portal one). */
export function looksLikeStaffToken(token: string): boolean {
  try {
    return decodeJwt(token).iss === STAFF_TOKEN_ISSUER;
  } catch {
    return false;
  }
}
