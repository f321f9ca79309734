import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { ROLES, Role, OptionalNotNull, SingleLine, STAFF_LOCALES, StaffLocale } from '@app/contracts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
const EMAIL_MAX_LENGTH = 254;

const normaliseEmail = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

export class LoginBody {
  @ApiProperty({ format: 'email' })
  @normaliseEmail()
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @SingleLine()
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password: string;
}

export class LoginReply {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}

export class StaffView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ enum: STAFF_LOCALES, description: 'The language of their notifications' })
  locale: StaffLocale;
}

export class StaffList {
  @ApiProperty({ type: [StaffView] }) items: StaffView[];
}

/** A colleague as the staff roster shows them. */
export class StaffMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
}

export class StaffRoster {
  @ApiProperty({ type: [StaffMemberView] }) items: StaffMemberView[];
}

export class NewStaffBody {
  @ApiProperty({ format: 'email' })
  @normaliseEmail()
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  @SingleLine()
  email: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiProperty({ enum: STAFF_LOCALES, required: false, default: 'ru' })
  @OptionalNotNull()
  @IsIn(STAFF_LOCALES)
  locale?: StaffLocale;
}

export class StaffRolesBody {
  @ApiProperty({ enum: ROLES, isArray: true, description: 'The whole new set of roles' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class ReaderTokenReply {
  @ApiProperty({ description: 'Send it back as X-Reader-Token' }) token: string;
}
