import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from './access.decorators';
import { StaffRoster } from './staff.dto';
import { StaffService } from './staff.service';

/**
 * Who is on the staff, for a moderator assigning work to a colleague: ids and emails only. The admin's
 * list (`/api/v1/admin/staff`) carries roles and languages, which assigning does not need.
 */
@ApiTags('identity')
@Controller('api/v1/staff')
export class StaffRosterController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @RequireRole('moderator')
  @ApiOkResponse({ type: StaffRoster, description: 'Every staff account, by email' })
  async list(): Promise<StaffRoster> {
    const accounts = await this.staff.list();
    return {
      items: accounts.map(({ id, email }) => ({ id, email })).sort((a, b) => a.email.localeCompare(b.email)),
    };
  }
}
