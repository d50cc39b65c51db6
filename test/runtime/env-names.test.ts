// Env var names shared by the runtime and the compiler.
import { describe, expect, it } from "vitest";
import { requireRuntime } from "./runtime-modules.js";

const { envName, topicArnEnvName, requireEnv } = requireRuntime("env-names.js");

describe("envName", () => {
  it.each([
    ["fs", "user-files", "bucket", "KLOTHO_FS_USER_FILES_BUCKET"],
    ["redis", "cache", "host", "KLOTHO_REDIS_CACHE_HOST"],
    ["redis", "sessions.db", "port", "KLOTHO_REDIS_SESSIONS_DB_PORT"],
    ["orm", "pug-db", "connection_string", "KLOTHO_ORM_PUG_DB_CONNECTION_STRING"],
    ["fs", "a/b:c", "bucket", "KLOTHO_FS_A_B_C_BUCKET"],
    ["fs", "café", "bucket", "KLOTHO_FS_CAF__BUCKET"],
  ])("%s %s %s → %s", (kind, id, attr, expected) => {
    expect(envName(kind, id, attr)).toBe(expected);
  });

  it("names a pubsub topic's ARN after the emitter and the topic", () => {
    expect(topicArnEnvName("events", "pug-adopted")).toBe("KLOTHO_PUBSUB_EVENTS_PUG_ADOPTED_ARN");
  });
});

describe("requireEnv", () => {
  it("returns a set value and explains an unset or empty one", () => {
    process.env["KLOTHO_TEST_SET"] = "yes";
    process.env["KLOTHO_TEST_EMPTY"] = "";
    expect(requireEnv("KLOTHO_TEST_SET", "a test value")).toBe("yes");
    expect(() => requireEnv("KLOTHO_TEST_EMPTY", "a test value")).toThrow(
      "klotho: environment variable KLOTHO_TEST_EMPTY is not set; it should hold a test value. The Pulumi program that klotho generated sets it",
    );
  });
});
