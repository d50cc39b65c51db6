// Logical names: stable functions of the plan ids, safe for AWS's strictest naming rules, and
// never the same for two different resources of one AWS type.
import { describe, expect, it } from "vitest";
import { Identifiers, LONG_SLUG, MAX_SLUG, PERMISSION_NAME_LIMIT, camelCase, cappedName, databaseName, loadBalancerName, logicalName, slug } from "../../src/render/names.js";

/** S3 buckets, ElastiCache and RDS ids, ALB names: lower case, digits and single hyphens, starting with a letter. */
const STRICT = /^[a-z](?:-?[a-z0-9])*$/;

const TRICKY = ["pugs", "api-gateway", "Pugs", "PUGS", "user_files", "user-files", "user.files", "a:b", "a/b", "a-b", "a--b", "1st", "9", "-x-", "x".repeat(20), "x".repeat(21), "y".repeat(64), "internal.api/v2:main", "_", "."];

describe("slug", () => {
  it("keeps names that already are slugs, so the common case reads as written", () => {
    expect(["pugs", "api-gateway", "dogs", "blog-db", "a1-b2"].map((name) => slug(name))).toEqual(["pugs", "api-gateway", "dogs", "blog-db", "a1-b2"]);
  });

  it("makes every id a strict AWS name of at most the limit, ending in a hash of the id when it had to change", () => {
    for (const name of TRICKY) {
      const made = slug(name);
      expect(made, name).toMatch(STRICT);
      expect(made.length, name).toBeLessThanOrEqual(MAX_SLUG);
      if (made !== name) expect(made, name).toMatch(/-[0-9a-f]{6}$/);
    }
    expect(slug("user_files")).toMatch(/^user-files-[0-9a-f]{6}$/);
    expect(slug("1st")).toMatch(/^r-1st-[0-9a-f]{6}$/);
  });

  it("gives different ids different slugs (case, separators, truncation)", () => {
    const slugs = new Set(TRICKY.map((name) => slug(name)));
    expect(slugs.size).toBe(TRICKY.length);
  });

  it("is a pure function of the id: recompiling gives the same names", () => {
    expect(TRICKY.map((name) => slug(name))).toEqual(TRICKY.map((name) => slug(name)));
    expect(slug("user_files")).toBe("user-files-b21035");
  });

  it("allows longer parts where AWS allows longer names", () => {
    expect(slug("get-adoptions-name-approve", LONG_SLUG)).toBe("get-adoptions-name-approve");
    expect(slug("GET /adoptions/{name}", LONG_SLUG).length).toBeLessThanOrEqual(LONG_SLUG);
  });
});

describe("logicalName", () => {
  it("joins parts with -- (which no slug holds) and ends with the role", () => {
    expect(logicalName(["pugs"])).toBe("pugs");
    expect(logicalName(["pugs"], "lambda")).toBe("pugs-lambda");
    expect(logicalName(["orders", "order-created"])).toBe("orders--order-created");
    // (a-b, c) and (a, b-c) stay apart
    expect(logicalName(["a-b", "c"])).not.toBe(logicalName(["a", "b-c"]));
  });

  it("keeps the roles of one AWS type apart even when a name ends like a role", () => {
    // An IAM role of Lambda unit "x-task" and the task role of ECS unit "x".
    expect(logicalName(["x-task"], "lambda")).not.toBe(logicalName(["x"], "task"));
    // Security groups of unit "a-redis" and of redis store "a".
    expect(logicalName(["a-redis"], "unit")).not.toBe(logicalName(["a"], "redis"));
  });
});

describe("databaseName", () => {
  it("is letters, digits and underscores, starting with a letter", () => {
    for (const name of TRICKY) expect(databaseName(name), name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(databaseName("blog-db")).toBe("blog_db");
  });
});

describe("Identifiers", () => {
  it("makes camelCase variables, the same for the same key, numbered when two keys would share one", () => {
    const ids = new Identifiers(["vpc"]);
    expect(ids.get("exec_unit:pugs#function", ["pugs", "function"])).toBe("pugsFunction");
    expect(ids.get("exec_unit:pugs#function", ["pugs", "function"])).toBe("pugsFunction");
    expect(ids.get("exec_unit:a-b#function", ["a-b", "function"])).toBe("aBFunction");
    expect(ids.get("exec_unit:a_b#function", ["a_b", "function"])).toBe("aBFunction2");
    expect(ids.get("x", ["vpc"])).toBe("vpc2");
    expect(camelCase(["1st", "role"])).toBe("r1stRole");
    expect(camelCase(["ünï", "topic"])).toBe("nTopic");
    expect(camelCase(["api", "get /r0/:id/items method"])).toBe("apiGetR0IdItemsMethod");
    expect(camelCase(["--", "", "_"])).toBe("r");
    expect(camelCase(["API_gateway", "9lives", "x"])).toBe("aPIGateway9livesX");
    expect(camelCase(["a", "b"])).toBe("aB");
  });

  it("numbers the keys sharing a base with the smallest free number, skipping those another base took", () => {
    const ids = new Identifiers(["pugs3"]);
    const names = [ids.get("1", ["pugs"]), ids.get("2", ["pugs"]), ids.get("3", ["pugs"]), ids.get("4", ["pugs5"]), ids.get("5", ["pugs"]), ids.get("6", ["pugs", "2"]), ids.get("7", ["pugs"])];
    expect(names).toEqual(["pugs", "pugs2", "pugs4", "pugs5", "pugs6", "pugs22", "pugs7"]);
    const many = new Identifiers([]);
    const thousand = Array.from({ length: 1000 }, (_, index) => many.get(String(index), ["route", "id"]));
    expect(new Set(thousand).size).toBe(1000);
    expect(thousand.slice(0, 3)).toEqual(["routeId", "routeId2", "routeId3"]);
    expect(thousand.at(-1)).toBe("routeId1000");
  });

  it("never makes a reserved word, which an id of no letters would leave (`_` + function)", () => {
    const ids = new Identifiers([]);
    expect([ids.get("exec_unit:_#function", ["_", "function"]), ids.get("exec_unit:...#function", ["...", "function"]), ids.get("exec_unit:_#class", ["_", "class"])]).toEqual(["function2", "function3", "class2"]);
  });
});

describe("names AWS limits further", () => {
  it("never names a database with a word Postgres reserves, which RDS refuses", () => {
    expect(["user", "order", "orders", "blog-db", "Table"].map(databaseName)).toEqual(["db_user", "db_order", "orders", "blog_db", expect.stringMatching(/^table_[0-9a-f]{6}$/)]);
  });

  it("keeps a load balancer's name from beginning with `internal-`, which AWS refuses", () => {
    expect(["internal", "internal-api", "internals", "api", "my-internal"].map((name) => loadBalancerName(slug(name)))).toEqual(["u-internal", "u-internal-api", "u-internals", "api", "my-internal"]);
    for (const name of TRICKY) expect(`${loadBalancerName(slug(name))}-1234567`.length, name).toBeLessThanOrEqual(32);
  });

  it("caps a Lambda permission's name so its statement id (the name and Pulumi's 7 random characters) fits in 100", () => {
    const long = logicalName(["application-event-bus", "order.payment.authorization.failed", "payment-notification-worker"], "sns", LONG_SLUG);
    expect(long.length).toBeGreaterThan(92);
    const capped = cappedName(long, PERMISSION_NAME_LIMIT);
    expect(`${capped}-1234567`.length).toBeLessThanOrEqual(PERMISSION_NAME_LIMIT);
    expect(capped).toMatch(/^application-event-bus--order-payment-.*-[0-9a-f]{6}$/);
    expect(cappedName(`${long}x`, PERMISSION_NAME_LIMIT)).not.toBe(capped);
    expect(cappedName("api-gateway--pugs-invoke", PERMISSION_NAME_LIMIT)).toBe("api-gateway--pugs-invoke");
  });
});
