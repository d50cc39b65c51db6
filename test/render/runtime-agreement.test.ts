// The program and the runtime must agree on names: the environment variables the program sets are
// the ones the runtime reads, and the secrets it creates are the ones the runtime reads.
import { describe, expect, it } from "vitest";
import * as program from "../../src/util/env-names.js";
import { secretNameAround } from "../../src/util/secret-names.js";
import { requireRuntime } from "../runtime/runtime-modules.js";
import { HOSTILE_STRINGS } from "./hostile-strings.js";

const runtime = requireRuntime("env-names.js");
const secrets = requireRuntime("secrets.js");

const IDS = ["pugs", "user-files", "a/b:c.d_e", "Café", "1st", ...HOSTILE_STRINGS];

describe("environment variable names", () => {
  it("are the runtime's for every kind of id", () => {
    expect(program.KV_TABLE_ENV).toBe(runtime.KV_TABLE_ENV);
    expect(program.APP_NAME_ENV).toBe(runtime.APP_NAME_ENV);
    expect(program.STACK_NAME_ENV).toBe(runtime.STACK_NAME_ENV);
    for (const id of IDS) {
      for (const [kind, attr] of [["fs", "bucket"], ["redis", "host"], ["redis", "port"], ["orm", "connection_string"]] as const) {
        expect(program.envName(kind, id, attr), `${kind} ${JSON.stringify(id)}`).toBe(runtime.envName(kind, id, attr));
      }
      for (const topic of IDS) expect(program.topicArnEnvName(id, topic)).toBe(runtime.topicArnEnvName(id, topic));
    }
  });
});

describe("secret names", () => {
  it("are the runtime's for every kind of path, with the stack's name between the program's two parts", () => {
    const paths = ["config/db.json", "./config/db.json", "/abs/x", "../up/x", "a b/ü.txt", ...HOSTILE_STRINGS];
    for (const path of paths) {
      const [before, after] = secretNameAround("pugs", "secrets", path);
      expect(`${before}dev${after}`, JSON.stringify(path)).toBe(secrets.secretName("pugs", "dev", "secrets", path));
    }
  });
});
