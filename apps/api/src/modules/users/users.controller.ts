import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../../openapi/api-error-response.dto';
import { ApiCommonErrors } from '../../openapi/api-schema';
import { UserResponseDto } from './dto/user-response.dto';
import { badRequest } from '../../common/api-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { Access, ClientIp, CurrentUser } from '../../common/auth/auth.decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { Role, ROLES, User } from './entities/user.entity';
import { UsersService } from './users.service';

/** Never the password hash. */
const view = (u: User): UserResponseDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  unitCode: u.unitCode,
  active: u.active,
  mustChangePassword: u.mustChangePassword,
  createdAt: u.createdAt,
  email: u.email,
  emailNotices: u.emailNotices,
  locale: u.locale,
});

@ApiTags('users')
@ApiBearerAuth()
@Access('users.admin')
@ApiCommonErrors()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Accounts (administrators only), optionally of one unit or role' })
  @ApiQuery({ name: 'unitCode', required: false })
  @ApiQuery({ name: 'role', required: false, enum: ROLES, enumName: 'Role', description: 'accounts holding this role' })
  @ApiOkResponse({ type: [UserResponseDto] })
  async list(@Query('unitCode') unitCode?: string, @Query('role') role?: string): Promise<UserResponseDto[]> {
    if (role !== undefined && !ROLES.includes(role as Role)) throw badRequest('role', 'Vai trò không hợp lệ.', 'Unknown role.');
    return (await this.users.list({ unitCode, role: role as Role | undefined })).map(view);
  }

  @Post()
  @ApiOperation({ summary: 'Create an account holding roles for one unit (administrators: none)' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ type: ApiErrorResponseDto, description: 'The username is taken' })
  async create(@Body() dto: CreateUserDto, @CurrentUser() me: AuthUser, @ClientIp() ip: string | null): Promise<UserResponseDto> {
    return view(await this.users.create({ ...dto, unitCode: dto.unitCode ?? null }, { actor: me, ip }));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, roles, unit, active flag, or reset the password' })
  @ApiOkResponse({ type: UserResponseDto })
  async update(
    @Param('id', new ParseIntPipe({ exceptionFactory: () => badRequest('id', 'Mã tài khoản phải là số.', 'id must be a number.') })) id: number,
    @Body() dto: UpdateUserDto,
    @CurrentUser() me: AuthUser,
    @ClientIp() ip: string | null,
  ): Promise<UserResponseDto> {
    return view(await this.users.update(id, dto, { actor: me, ip }));
  }
}
