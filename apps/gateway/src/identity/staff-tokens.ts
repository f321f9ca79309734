import { jwtVerify, SignJWT } from 'jose';
import { isRole, Role } from '@app/contracts';

export const STAFF_TOKEN_ISSUER = 'engage-gateway';
export const STAFF_TOKEN_AUDIENCE = 'engage-staff';

export interface StaffClaims {
  staffId: string;
  roles: Role[];
}

/**
 * Staff access tokens: HS256 JWTs signed by the gateway, checked for issuer, audience and expiry. `exp`
 * and `iat` are required: jose checks `exp` only when present, and a token without one would never end.
 */
export class StaffTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: StaffClaims): Promise<{ accessToken: string; expiresIn: number }> {
    const accessToken = await new SignJWT({ roles: claims.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.staffId)
      .setIssuer(STAFF_TOKEN_ISSUER)
      .setAudience(STAFF_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid token, or null for anything else (bad signature, expired, not ours). */
  async verify(token: string): Promise<StaffClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: STAFF_TOKEN_ISSUER,
        audience: STAFF_TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      return payload.sub ? { staffId: payload.sub, roles } : null;
    } catch {
      return null;
    }
  }
}
