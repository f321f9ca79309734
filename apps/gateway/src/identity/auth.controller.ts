import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Caller, UnauthorizedError } from '@app/contracts';
import { CurrentCaller, RequireStaff } from './access.decorators';
import { LoginBody, LoginReply, StaffView } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly staff: StaffService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginReply })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this email' })
  login(@Body() body: LoginBody, @CurrentCaller() caller: Caller): Promise<LoginReply> {
    return this.staff.login(body.email, body.password, caller.addressHash ?? 'unknown');
  }

  @Get('me')
  @RequireStaff()
  @ApiOkResponse({ type: StaffView })
  async me(@CurrentCaller() caller: Caller): Promise<StaffView> {
    const me = await this.staff.get(caller.staffId!);
    if (!me) throw new UnauthorizedError();
    return me;
  }
}
