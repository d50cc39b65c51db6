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
import { fsImports } from "./fs.js";
import { kvMaps } from "./kv-map.js";
import { ormClients } from "./orm-client.js";
import { redisClients } from "./redis-client.js";

/** Every extractor, in the order their hooks are consulted. */
export const EXTRACTORS: readonly Extractor[] = [expressApps, expressRoutes, expressMounts, expressListen, fastifyApps, fastifyRoutes, fastifyMounts, fastifyListen, kvMaps, redisClients, emitters, fsImports, ormClients];
