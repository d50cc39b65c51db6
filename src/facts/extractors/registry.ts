import { corsMiddleware } from "./cors.js";
import { emitters } from "./emitter.js";
import { expressApps } from "./express/app.js";
import { expressListen } from "./express/listen.js";
import { expressMounts } from "./express/mounts.js";
import { expressRoutes } from "./express/routes.js";
import type { Extractor } from "./extractor.js";
import { fastifyApps } from "./fastify/app.js";
import { fastifyListen } from "./fastify/listen.js";
import { fastifyMounts } from "./fastify/mounts.js";
import { fastifyRoutes } from "./fastify/routes.js";
import { fileReads } from "./file-reads.js";
import { fileWrites } from "./file-writes.js";
import { fsImports } from "./fs.js";
import { koaApps } from "./koa/app.js";
import { koaListen } from "./koa/listen.js";
import { koaMounts } from "./koa/mounts.js";
import { koaRoutes } from "./koa/routes.js";
import { kvMaps } from "./kv-map.js";
import { multerStorage } from "./multer.js";
import { nestjsApps } from "./nestjs/app.js";
import { nestjsControllers } from "./nestjs/controllers.js";
import { nestjsDecorators } from "./nestjs/decorators.js";
import { nestjsGlobalEnhancers } from "./nestjs/global-enhancers.js";
import { nestjsListen } from "./nestjs/listen.js";
import { nestjsModules } from "./nestjs/modules.js";
import { nestjsStaticAssets } from "./nestjs/static-assets.js";
import { nextApps } from "./next/app.js";
import { nodeModule } from "./node-module.js";
import { nodePaths } from "./node-paths.js";
import { nextRoutes } from "./next/routes.js";
import { ormClients } from "./orm-client.js";
import { redisClients } from "./redis-client.js";

/**
 * Every extractor, in the order their hooks are consulted (Koa's listen before Express's: both look at
 * http.createServer; Next.js routes before Express's: a route handing requests to Next is its catch-all;
 * file writes before file reads before fs imports: all see a call through fs/promises, which the fs extractor
 * answers, and file reads answer the fs functions that both read and write, such as copyFile).
 */
export const EXTRACTORS: readonly Extractor[] = [nextApps, nextRoutes, expressApps, expressRoutes, expressMounts, koaListen, expressListen, fastifyApps, fastifyRoutes, fastifyMounts, fastifyListen, koaApps, koaRoutes, koaMounts, nestjsDecorators, nestjsControllers, nestjsModules, nestjsApps, nestjsListen, nestjsStaticAssets, nestjsGlobalEnhancers, kvMaps, redisClients, emitters, nodePaths, nodeModule, fileWrites, fileReads, fsImports, ormClients, corsMiddleware, multerStorage];

/** Every package an extractor knows (`node:` prefix removed): importing one of them is a reason to run a module (facts/roots.ts). */
export const KNOWN_PACKAGES: ReadonlySet<string> = new Set(EXTRACTORS.flatMap((extractor) => extractor.packages ?? []));
