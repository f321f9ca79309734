import type { FastifyRequest } from 'fastify';
import { SignJWT } from 'jose';
import { Role, UnauthorizedError } from '@app/contracts';
import { CallerResolver } from './caller.resolver';
import { KeyedHasher } from './keyed-hasher';
import { PortalJwtVerifier } from './portal-jwt.verifier';
import { ReaderTokens } from './reader-tokens';
import type { StaffDirectory } from './staff.directory';
import { STAFF_TOKEN_AUDIENCE, STAFF_TOKEN_ISSUER, StaffTokens } from './staff-tokens';

const STAFF_SECRET = 'Zq4Lm8Rt2Wx6Np0Vb3Kc7Hd1Fg5Js9Ay';
const PORTAL_SECRET = 'Pn5Tq9Wd2Lx7Mb4Rc8Kv1Hz6Gf3Ja0Ys';
const STAFF_ID = '7d0f2c1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

/** The accounts as the directory would read them from the database. */
function directoryOf(accounts: Record<string, Role[]>): StaffDirectory {
  return {
    find: (id: string) => Promise.resolve(accounts[id] ? { id, roles: accounts[id] } : null),
  } as unknown as StaffDirectory;
}

function requestFrom(headers: Record<string, string | string[]>, ip = '192.0.2.1'): FastifyRequest {
  return { ip, headers } as unknown as FastifyRequest;
}

const sign = (secret: string, build: (jwt: SignJWT) => SignJWT) =>
  build(new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' })).sign(
    new TextEncoder().encode(secret),
  );

describe('working out who is calling', () => {
  const hasher = new KeyedHasher('Hk3Jm7Qp1Vs5Xw9Bz2Dc6Fg0Lt4Nr8Ye');
  const readerTokens = new ReaderTokens('Rt8Yx2Mq6Wp0Lz4Vb7Nc1Kd5Hf9Gj3As');
  const staffTokens = new StaffTokens(STAFF_SECRET, 600);
  let resolver: CallerResolver;

  beforeEach(() => {
    resolver = new CallerResolver(
      readerTokens,
      staffTokens,
      new PortalJwtVerifier({ secret: PORTAL_SECRET }),
      directoryOf({ [STAFF_ID]: ['moderator'] }),
      hasher,
    );
  });

  const refused = (headers: Record<string, string | string[]>) =>
    expect(resolver.resolve(requestFrom(headers))).rejects.toBeInstanceOf(UnauthorizedError);

  it('takes a request without credentials as anonymous, known only by the hash of its address', async () => {
    const caller = await resolver.resolve(requestFrom({}));
    expect(caller).toEqual({
      readerId: null,
      staffId: null,
      roles: [],
      addressHash: hasher.hash('address', '192.0.2.1'),
    });
    expect(caller.addressHash).not.toContain('192.0.2.1');
    const other = await resolver.resolve(requestFrom({}, '192.0.2.2'));
    expect(other.addressHash).not.toBe(caller.addressHash);
  });

  it('ties a reader token to the same reader every time, and never to the token itself', async () => {
    const token = readerTokens.issue();
    const first = await resolver.resolve(requestFrom({ 'x-reader-token': token }));
    const again = await resolver.resolve(requestFrom({ 'x-reader-token': token }));
    expect(first.readerId).toEqual(again.readerId);
    expect(first.readerId).not.toContain(token.split('.')[1]);
    const another = await resolver.resolve(requestFrom({ 'x-reader-token': readerTokens.issue() }));
    expect(another.readerId).not.toEqual(first.readerId);
  });

  it('refuses a tampered, foreign or repeated reader token instead of ignoring it', async () => {
    const token = readerTokens.issue();
    await refused({ 'x-reader-token': `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` });
    await refused({ 'x-reader-token': new ReaderTokens('Fo4Re7Ig2Nk9Ey5Qw1Xz8Vb3Mn6Lp0Sd').issue() });
    await refused({ 'x-reader-token': [token, token] });
    await refused({ 'x-reader-token': 'rt1.garbage' });
  });

  it("takes a portal user's JWT as that reader, and refuses one signed with another key or expired", async () => {
    const portal = (secret: string, expiresIn: string | number = '5m') =>
      sign(secret, (jwt) => jwt.setSubject('portal-user-7').setExpirationTime(expiresIn));
    const caller = await resolver.resolve(
      requestFrom({ authorization: `Bearer ${await portal(PORTAL_SECRET)}` }),
    );
    expect(caller).toMatchObject({ readerId: hasher.hash('portal-user', 'portal-user-7'), staffId: null });
    await refused({ authorization: `Bearer ${await portal('Ot3Hr8Ke7Yq2Wz5Xm1Vn4Bc9Ld6Fs0Gj')}` });
    await refused({
      authorization: `Bearer ${await portal(PORTAL_SECRET, Math.floor(Date.now() / 1000) - 60)}`,
    });
  });

  it("shows a portal reader under the token's name claim, and a reader token under none", async () => {
    const named = await new SignJWT({ name: 'Анна Петрова' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('portal-user-8')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(PORTAL_SECRET));
    const caller = await resolver.resolve(requestFrom({ authorization: `Bearer ${named}` }));
    expect(caller.portalName).toBe('Анна Петрова');
    const guest = await resolver.resolve(requestFrom({ 'x-reader-token': readerTokens.issue() }));
    expect(guest.portalName ?? null).toBeNull();
  });

  it('refuses portal JWTs when no portal key is configured', async () => {
    const without = new CallerResolver(
      readerTokens,
      staffTokens,
      new PortalJwtVerifier({}),
      directoryOf({}),
      hasher,
    );
    const token = await sign(PORTAL_SECRET, (jwt) => jwt.setSubject('portal-user-7').setExpirationTime('5m'));
    await expect(without.resolve(requestFrom({ authorization: `Bearer ${token}` }))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('takes a staff token as that account, with the roles the account has now rather than the token says', async () => {
    const { accessToken } = await staffTokens.issue({ staffId: STAFF_ID, roles: ['admin'] });
    const caller = await resolver.resolve(requestFrom({ authorization: `Bearer ${accessToken}` }));
    expect(caller).toMatchObject({ staffId: STAFF_ID, roles: ['moderator'], readerId: null });
  });

  it('refuses a staff token of a removed account, an expired one, a forged one and one without exp or iat', async () => {
    const removed = await staffTokens.issue({ staffId: '00000000-0000-4000-8000-000000000009', roles: [] });
    await refused({ authorization: `Bearer ${removed.accessToken}` });
    const staff = (secret: string, build: (jwt: SignJWT) => SignJWT) =>
      sign(secret, (jwt) =>
        build(jwt.setSubject(STAFF_ID).setIssuer(STAFF_TOKEN_ISSUER).setAudience(STAFF_TOKEN_AUDIENCE)),
      );
    const now = Math.floor(Date.now() / 1000);
    await refused({
      authorization: `Bearer ${await staff(STAFF_SECRET, (jwt) => jwt.setIssuedAt(now - 700).setExpirationTime(now - 100))}`,
    });
    await refused({
      authorization: `Bearer ${await staff('Fr9Gd2Ke5Ys8Qw1Xz4Vb7Mn0Lp3Sd6Hj', (jwt) => jwt.setIssuedAt().setExpirationTime('5m'))}`,
    });
    await refused({ authorization: `Bearer ${await staff(STAFF_SECRET, (jwt) => jwt.setIssuedAt())}` });
    await refused({
      authorization: `Bearer ${await staff(STAFF_SECRET, (jwt) => jwt.setExpirationTime('5m'))}`,
    });
    const complete = await staff(STAFF_SECRET, (jwt) => jwt.setIssuedAt().setExpirationTime('5m'));
    await expect(
      resolver.resolve(requestFrom({ authorization: `Bearer ${complete}` })),
    ).resolves.toMatchObject({
      staffId: STAFF_ID,
    });
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    await refused({ authorization: 'Basic YWRtaW46YWRtaW4=' });
    await refused({ authorization: 'Bearer' });
    await refused({ authorization: 'Bearer not a token' });
  });
});
