import { SignJWT } from 'jose';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface StaffTokenFacts {
  /** The gateway's STAFF_JWT_SECRET: forged tokens that differ from a real one in one claim only. */
  secret: string;
  issuer: string;
  audience: string;
  /** A real token, whose signature is reused on changed claims. */
  realToken: string;
}

/** Tokens a staff or reader route must refuse: forged JWTs one claim away from valid, and garbage. */
export async function hostileBearers(facts: StaffTokenFacts): Promise<[string, string][]> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { roles: ['admin'], sub: '00000000-0000-4000-8000-00000000beef' };
  const sign = (key: string, edit: (jwt: SignJWT) => SignJWT, alg = 'HS256') =>
    edit(new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' })).sign(new TextEncoder().encode(key));
  const right = (jwt: SignJWT) => jwt.setIssuer(facts.issuer).setAudience(facts.audience).setIssuedAt(now);
  const [header, , signature] = facts.realToken.split('.');
  const payload = JSON.parse(Buffer.from(facts.realToken.split('.')[1], 'base64url').toString()) as Record<
    string,
    unknown
  >;
  return [
    [
      'alg none',
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: facts.issuer, aud: facts.audience, exp: now + 3600 })}.`,
    ],
    [
      'alg none in upper case',
      `${base64url({ alg: 'NONE' })}.${base64url({ ...claims, iss: facts.issuer, aud: facts.audience, exp: now + 3600 })}.`,
    ],
    [
      'wrong key',
      await sign('a-key-that-is-not-the-gateways-one-at-all', (jwt) =>
        right(jwt).setExpirationTime(now + 3600),
      ),
    ],
    [
      'expired',
      await sign(facts.secret, (jwt) =>
        right(jwt)
          .setIssuedAt(now - 7200)
          .setExpirationTime(now - 3600),
      ),
    ],
    ['without expiry', await sign(facts.secret, right)],
    [
      'not yet valid',
      await sign(facts.secret, (jwt) =>
        right(jwt)
          .setNotBefore(now + 3600)
          .setExpirationTime(now + 7200),
      ),
    ],
    [
      'wrong issuer',
      await sign(facts.secret, (jwt) =>
        right(jwt)
          .setIssuer('someone-else')
          .setExpirationTime(now + 3600),
      ),
    ],
    [
      'wrong audience',
      await sign(facts.secret, (jwt) =>
        right(jwt)
          .setAudience('someone-else')
          .setExpirationTime(now + 3600),
      ),
    ],
    [
      'HS512 with the right key',
      await sign(facts.secret, (jwt) => right(jwt).setExpirationTime(now + 3600), 'HS512'),
    ],
    [
      'roles raised under the old signature',
      `${header}.${base64url({ ...payload, roles: ['admin'] })}.${signature}`,
    ],
    ['signature stripped', `${header}.${facts.realToken.split('.')[1]}.`],
    ['two segments', `${header}.${facts.realToken.split('.')[1]}`],
    ['garbage', 'not-a-token'],
    ['garbage with dots', '...'],
    ['base64 of JSON null', `${base64url(null)}.${base64url(null)}.${base64url(null)}`],
    ['very long', `${'a'.repeat(6000)}.${'b'.repeat(6000)}.c`],
    ['non-ASCII', 'токен.токен.токен'],
  ];
}
