import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { GatewaySettings } from '../gateway.settings';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { RateCounterJanitor } from '../rate-limit/rate-counter.janitor';
import { AccessGuard } from './access.guard';
import { AdminBootstrap, AdminCredentials } from './admin.bootstrap';
import { AuthController } from './auth.controller';
import { CallerResolver } from './caller.resolver';
import { IdentitySettings } from './identity.settings';
import { KeyedHasher } from './keyed-hasher';
import { LoginThrottle } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { PasswordHasher } from './password.hasher';
import { PortalJwtVerifier } from './portal-jwt.verifier';
import { ReaderTokens } from './reader-tokens';
import { ReaderTokensController } from './reader-tokens.controller';
import { StaffController } from './staff.controller';
import { StaffDirectory } from './staff.directory';
import { StaffRosterController } from './staff-roster.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';
import { StaffTokens } from './staff-tokens';

/** Who is calling: reader tokens, portal JWTs, staff accounts and the guard that checks roles. */
@Module({})
export class IdentityModule {
  static register({ env, secrets }: GatewaySettings): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      controllers: [ReaderTokensController, AuthController, StaffController, StaffRosterController],
      providers: [
        { provide: KeyedHasher, useValue: new KeyedHasher(secrets.hash) },
        { provide: ReaderTokens, useValue: new ReaderTokens(secrets.readerToken) },
        { provide: StaffTokens, useValue: new StaffTokens(secrets.staffJwt, env.STAFF_TOKEN_TTL_SECONDS) },
        {
          provide: PortalJwtVerifier,
          useValue: new PortalJwtVerifier({
            secret: env.PORTAL_JWT_SECRET,
            jwksUrl: env.PORTAL_JWKS_URL,
            issuer: env.PORTAL_JWT_ISSUER,
            audience: env.PORTAL_JWT_AUDIENCE,
          }),
        },
        {
          provide: IdentitySettings,
          useValue: new IdentitySettings(
            {
              failuresPerAddress: env.LOGIN_FAILURES_PER_ADDRESS,
              failuresPerEmailAndAddress: env.LOGIN_FAILURES_PER_EMAIL_PER_ADDRESS,
              emailFailuresBeforeDelay: env.LOGIN_EMAIL_FAILURES_BEFORE_DELAY,
              emailDelayFirstSeconds: env.LOGIN_EMAIL_DELAY_FIRST_SECONDS,
              emailDelayMaxSeconds: env.LOGIN_EMAIL_DELAY_MAX_SECONDS,
              knownAddressDays: env.LOGIN_KNOWN_ADDRESS_DAYS,
            },
            env.READER_TOKENS_PER_ADDRESS_PER_HOUR,
          ),
        },
        { provide: AdminCredentials, useValue: new AdminCredentials(env.ADMIN_EMAIL, env.ADMIN_PASSWORD) },
        PasswordHasher,
        RateLimiter,
        RateCounterJanitor,
        LoginThrottleRepository,
        LoginThrottle,
        StaffRepository,
        StaffDirectory,
        StaffService,
        CallerResolver,
        AdminBootstrap,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [KeyedHasher, RateLimiter, CallerResolver],
    };
  }
}
