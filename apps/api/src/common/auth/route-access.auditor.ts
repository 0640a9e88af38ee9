import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { isAccessAction } from '@cchc/shared';
import { ACCESS, AccessSpec, IS_PUBLIC } from './auth.decorators';

/** One route as its decorators declare it: "GET /api/reports/{unitCode}/{period}" and its access. */
export interface DeclaredRoute {
  route: string;
  access: AccessSpec | 'public' | null;
}

const GLOBAL_PREFIX = 'api';

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
    .join('/');

/**
 * Lists every controller route with what it declares, and stops the API at start-up when a route
 * declares neither @Access (an action of the shared policy) nor @Public: a route that forgets its check
 * must not exist, rather than be open.
 */
@Injectable()
export class RouteAccessAuditor implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): DeclaredRoute[] {
    const out: DeclaredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const proto = type.prototype as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as (...args: unknown[]) => unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || path === undefined) continue;
        const targets = [handler, type];
        const access = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
          ? 'public'
          : (this.reflector.getAllAndOverride<AccessSpec | undefined>(ACCESS, targets) ?? null);
        for (const p of Array.isArray(path) ? path : [path]) out.push({ route: `${RequestMethod[method]} ${joinPath(GLOBAL_PREFIX, base, p)}`, access });
      }
    }
    return out;
  }

  onApplicationBootstrap(): void {
    const bad = this.routes().filter((r) => r.access === null || (r.access !== 'public' && !isAccessAction(r.access.action)));
    if (bad.length > 0) {
      throw new Error(
        `Routes without an access action (declare @Access('<action>', { unit: '<param>' }) from the shared ACCESS_POLICY, or @Public()): ${bad.map((r) => r.route).join(', ')}`,
      );
    }
  }
}
