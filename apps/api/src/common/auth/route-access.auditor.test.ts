import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Access, Public } from './auth.decorators';
import { RouteAccessAuditor } from './route-access.auditor';

@Controller('declared')
class DeclaredController {
  @Get(':unitCode')
  @Access('report.read', { unit: 'unitCode' })
  read(): string {
    return 'ok';
  }

  @Get()
  @Public()
  open(): string {
    return 'ok';
  }
}

@Access('users.admin')
@Controller('admin-things')
class ClassLevelController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  @Access('report.read')
  fine(): string {
    return 'ok';
  }

  @Post(':unitCode/write')
  write(): string {
    return 'written';
  }
}

async function boot(...controllers: Array<new () => unknown>) {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], controllers, providers: [RouteAccessAuditor] }).compile();
  return moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
}

describe('RouteAccessAuditor', () => {
  it('lists every route with its declared action (method, class level) in OpenAPI path form', async () => {
    const app = await boot(DeclaredController, ClassLevelController);
    await app.init();
    const routes = app.get(RouteAccessAuditor).routes();
    expect(routes).toEqual(
      expect.arrayContaining([
        { route: 'GET /api/declared/{unitCode}', access: { action: 'report.read', unit: 'unitCode' } },
        { route: 'GET /api/declared', access: 'public' },
        { route: 'GET /api/admin-things', access: { action: 'users.admin' } },
      ]),
    );
    expect(routes).toHaveLength(3);
    await app.close();
  });

  it('stops start-up when a route declares no action, naming it', async () => {
    const app = await boot(DeclaredController, ForgottenController);
    await expect(app.init()).rejects.toThrow(/Routes without an access action.*POST \/api\/forgotten\/\{unitCode\}\/write/);
    await app.close();
  });
});
