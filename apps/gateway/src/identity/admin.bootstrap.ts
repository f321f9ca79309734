import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { StaffService } from './staff.service';

export class AdminCredentials {
  constructor(
    readonly email?: string,
    readonly password?: string,
  ) {}
}

/** Creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD at start when it does not exist yet. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly staff: StaffService,
    private readonly credentials: AdminCredentials,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password } = this.credentials;
    if (!email || !password) return;
    if (await this.staff.ensureAdmin(email, password))
      this.logger.log('created the admin account from ADMIN_EMAIL');
  }
}
