import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole } from './access.decorators';
import { NewStaffBody, StaffList, StaffRolesBody, StaffView } from './staff.dto';
import { StaffService } from './staff.service';
import { StaffDirectory } from './staff.directory';
import { UuidParam } from '../http/uuid.param';

@ApiTags('admin')
@Controller('api/v1/admin/staff')
@RequireRole('admin')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly directory: StaffDirectory,
  ) {}

  @Get()
  @ApiOkResponse({ type: StaffList })
  async list(): Promise<StaffList> {
    return { items: await this.staff.list() };
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: StaffView })
  @ApiConflictResponse({ description: 'The email is taken' })
  create(@Body() body: NewStaffBody): Promise<StaffView> {
    return this.staff.create(body.email, body.password, body.roles, body.locale ?? 'ru');
  }

  @Patch(':id')
  @ApiOkResponse({ type: StaffView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The last admin cannot lose the admin role (`last_admin_role`)' })
  async changeRoles(@Param('id', UuidParam) id: string, @Body() body: StaffRolesBody): Promise<StaffView> {
    const changed = await this.staff.changeRoles(id, body.roles);
    // This copy sees the new roles at once; other copies within the directory's few seconds.
    this.directory.forget(id);
    return changed;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The last admin cannot be removed' })
  async remove(@Param('id', UuidParam) id: string): Promise<void> {
    await this.staff.delete(id);
    this.directory.forget(id);
  }
}
