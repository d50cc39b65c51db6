import type { Node } from "@babel/types";
import type { OrmLibrary } from "../fact.js";
import { objectWithTag, special, type ObjectRef, type Value } from "../interpreter/values.js";
import type { Extractor, ExtractorContext } from "./extractor.js";
import { followOrmPaths } from "./orm-paths.js";

/** The packages ORM clients come from. */
const PACKAGES: Readonly<Record<string, OrmLibrary>> = {
  sequelize: "sequelize",
  "sequelize-typescript": "sequelize",
  typeorm: "typeorm",
  "@prisma/client": "prisma",
  knex: "knex",
};
/** The exports that create a client: with `new` (Sequelize, DataSource, PrismaClient) or by a call (knex). */
const CLIENT_EXPORTS: Readonly<Record<OrmLibrary, readonly string[]>> = {
  sequelize: ["Sequelize", "default"],
  typeorm: ["DataSource", "default"],
  prisma: ["PrismaClient", "default"],
  knex: ["knex", "default"],
};
/** Libraries whose module is itself the client factory (`new (require("sequelize"))()`, `require("knex")({})`). */
const MODULE_IS_FACTORY: readonly OrmLibrary[] = ["sequelize", "knex"];
const MODULE = "orm.module:";
const FACTORY = "orm.factory:";
const CLIENT = "orm.client";
/** Something reached from a client (a Prisma model delegate, a Sequelize model, a knex query): its calls are uses too. */
const PART = "orm.part";
/** The tags of every value this extractor makes: the libraries' modules and factories, clients and their parts. */
const ORM_VALUES: readonly string[] = [...[...new Set(Object.values(PACKAGES))].flatMap((library) => [`${MODULE}${library}`, `${FACTORY}${library}`]), CLIENT, PART];
/** Methods that only chain on a result: not a use of their own. */
const PROMISE_METHODS = new Set(["then", "catch", "finally"]);

/**
 * ORM clients: Sequelize `new Sequelize()`, TypeORM `new DataSource()`, Prisma `new PrismaClient()`
 * and knex `knex({...})`, however their package is imported, and every call made on a client or on
 * what it returns (`prisma.user.findMany()`, `User.findAll()` for a model it defined, `db("users")`).
 */
export const ormClients: Extractor = {
  meta: { kind: "orm_client", description: "Sequelize, TypeORM, Prisma and knex clients, and the calls made through them." },
  packages: Object.keys(PACKAGES),
  module(specifier) {
    const library = PACKAGES[specifier];
    return library ? special(`${MODULE}${library}`) : undefined;
  },
  memberReads: { tags: ORM_VALUES },
  member(object, property) {
    const library = libraryOf(object, MODULE) ?? libraryOf(object, FACTORY);
    if (library) return CLIENT_EXPORTS[library].includes(property) ? special(`${FACTORY}${library}`) : undefined;
    const client = clientOf(object);
    return client ? part(client) : undefined;
  },
  construct(callee, args, node, ctx) {
    const library = factoryLibrary(callee);
    return library && library !== "knex" ? newClient(library, args, node, ctx) : undefined;
  },
  callees: { tags: ORM_VALUES },
  call(callee, args, node, ctx) {
    if (factoryLibrary(callee) === "knex") return newClient("knex", args, node, ctx);
    const client = clientOf(callee);
    return client ? use(client, "call", node, ctx) : undefined;
  },
  methodCalls: { tags: [CLIENT, PART] },
  method(object, method, _args, node, ctx) {
    const client = clientOf(object);
    if (!client) return undefined;
    return PROMISE_METHODS.has(method) ? object : use(client, method, node, ctx);
  },
};

/** `L` for the special value `<prefix>L`. */
function libraryOf(value: Value, prefix: string): OrmLibrary | undefined {
  if (value.kind !== "special" || !value.tag.startsWith(prefix)) return undefined;
  const name = value.tag.slice(prefix.length);
  return Object.values(PACKAGES).find((library) => library === name);
}

/** The library whose client `value` creates: a factory export, or a module that is its own factory. */
function factoryLibrary(value: Value): OrmLibrary | undefined {
  const fromModule = libraryOf(value, MODULE);
  if (fromModule) return MODULE_IS_FACTORY.includes(fromModule) ? fromModule : undefined;
  return libraryOf(value, FACTORY);
}

/** The client behind a client object or something reached from one. */
function clientOf(value: Value): ObjectRef | undefined {
  const client = objectWithTag(value, CLIENT);
  if (client) return client;
  if (value.kind !== "special" || value.tag !== PART) return undefined;
  const inner = value.data?.["client"];
  return inner ? objectWithTag(inner, CLIENT) : undefined;
}

function part(client: ObjectRef): Value {
  return special(PART, { client: { kind: "object", ref: client } });
}

function newClient(library: OrmLibrary, args: readonly Value[], node: Node, ctx: ExtractorContext): Value {
  const ref = ctx.newObject(CLIENT, node);
  const dialect = dialectOf(library, args);
  ctx.emit({ kind: "orm_client", id: ref.id, library, ...(dialect !== undefined ? { dialect } : {}), range: ctx.range(node) });
  followOrmPaths(library, optionsOf(library, args), node, ctx);
  return { kind: "object", ref };
}

/**
 * The options object a client is made with: TypeORM's and knex's only argument, Sequelize's last of 2 or 4
 * (or its only one, when that is an object); Prisma's says nothing klotho reads.
 */
function optionsOf(library: OrmLibrary, args: readonly Value[]): Value | undefined {
  if (library === "typeorm" || library === "knex") return args[0];
  if (library !== "sequelize") return undefined;
  return args.length === 2 || args.length === 4 ? args[args.length - 1] : args.length === 1 && args[0]?.kind === "object" ? args[0] : undefined;
}

/**
 * The database the client is written for, when the code says: Sequelize's `dialect` option (its options
 * are the last of 2 or 4 arguments, or the only one when that is an object) or its URL's scheme, TypeORM's
 * `type`, knex's `client`. Prisma's is in its schema, not the code.
 */
function dialectOf(library: OrmLibrary, args: readonly Value[]): string | undefined {
  const option = (value: Value | undefined, name: string): string | undefined => {
    const found = value?.kind === "object" ? value.ref.props.get(name) : undefined;
    return found?.kind === "string" ? found.value : undefined;
  };
  if (library === "typeorm") return option(args[0], "type");
  if (library === "knex") return option(args[0], "client");
  if (library !== "sequelize") return undefined;
  const options = optionsOf(library, args);
  const url = args.length <= 2 && args[0]?.kind === "string" ? /^([a-z][a-z0-9+.-]*):/i.exec(args[0].value)?.[1] : undefined;
  return option(options, "dialect") ?? url;
}

function use(client: ObjectRef, method: string, node: Node, ctx: ExtractorContext): Value {
  ctx.emit({ kind: "object_use", target: client.id, method, range: ctx.range(node) });
  return part(client);
}
