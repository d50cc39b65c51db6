// The secrets runtime with a fake Secrets Manager client injected (there is no local emulator here):
// secret naming, string and binary secrets, encodings, and fs-shaped errors.
import type { GetSecretValueCommand, GetSecretValueCommandOutput } from "@aws-sdk/client-secrets-manager";
import { beforeEach, describe, expect, it } from "vitest";
import { requireRuntime } from "./runtime-modules.js";

const { createSecrets, secretName } = requireRuntime("secrets.js");

/** Answers GetSecretValue from a table of secrets by name, and records what was asked. */
class FakeSecretsManager {
  readonly asked: string[] = [];
  constructor(private readonly secrets: Readonly<Record<string, { SecretString?: string; SecretBinary?: Uint8Array }>>) {}

  send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput> {
    const id = command.input.SecretId ?? "";
    this.asked.push(id);
    const secret = this.secrets[id];
    if (secret === undefined) {
      const error = new Error("Secrets Manager can't find the specified secret.");
      error.name = "ResourceNotFoundException";
      return Promise.reject(error);
    }
    return Promise.resolve({ $metadata: {}, Name: id, ...secret });
  }
}

beforeEach(() => {
  process.env["KLOTHO_APP_NAME"] = "pugs";
  process.env["KLOTHO_STACK_NAME"] = "dev";
});

describe("secret names", () => {
  it.each([
    ["db.json", "pugs-dev-secrets-db.json"],
    ["./config/db.json", "pugs-dev-secrets-config/db.json"],
    ["/abs/key.pem", "pugs-dev-secrets-abs/key.pem"],
    ["my key (prod)!.txt", "pugs-dev-secrets-my_key__prod__.txt"],
    ["a+b=c@d", "pugs-dev-secrets-a+b=c@d"],
  ])("%s is the secret %s in stack dev", (file, name) => {
    expect(secretName("pugs", "dev", "secrets", file)).toBe(name);
  });
});

describe("the secrets runtime", () => {
  it("reads string secrets as bytes or text, and binary secrets as bytes", async () => {
    const fake = new FakeSecretsManager({
      "pugs-dev-secrets-db.json": { SecretString: '{"password":"hunter2"}' },
      "pugs-dev-secrets-key.bin": { SecretBinary: new Uint8Array([1, 2, 3]) },
    });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- readFile is bound; the compiler's rewrite destructures it
    const { readFile } = createSecrets({ id: "secrets" }, { client: fake });
    expect(await readFile("db.json", "utf8")).toBe('{"password":"hunter2"}');
    expect(await readFile("./db.json", { encoding: "utf8" })).toBe('{"password":"hunter2"}');
    expect(await readFile("db.json")).toEqual(Buffer.from('{"password":"hunter2"}'));
    expect(await readFile("key.bin")).toEqual(Buffer.from([1, 2, 3]));
    expect(await readFile("key.bin", "hex")).toBe("010203");
    expect(fake.asked).toEqual(["pugs-dev-secrets-db.json", "pugs-dev-secrets-db.json", "pugs-dev-secrets-db.json", "pugs-dev-secrets-key.bin", "pugs-dev-secrets-key.bin"]);
  });

  it("fails with ENOENT, naming the secret, when it does not exist", async () => {
    const secrets = createSecrets({ id: "secrets" }, { client: new FakeSecretsManager({}) });
    await expect(secrets.readFile("missing.txt")).rejects.toMatchObject({
      code: "ENOENT",
      message: "ENOENT: no such file or directory, open 'missing.txt' (no secret named 'pugs-dev-secrets-missing.txt')",
    });
  });

  it("surfaces other errors with the store id and the secret name", async () => {
    const denied = { send: () => Promise.reject(Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" })) };
    await expect(createSecrets({ id: "secrets" }, { client: denied }).readFile("db.json")).rejects.toThrow(
      "klotho secrets 'secrets': reading secret 'pugs-dev-secrets-db.json' failed: AccessDeniedException: User is not authorized",
    );
  });

  it.each(["KLOTHO_APP_NAME", "KLOTHO_STACK_NAME"])("needs %s", async (name) => {
    process.env[name] = "";
    await expect(createSecrets({ id: "secrets" }, { client: new FakeSecretsManager({}) }).readFile("db.json")).rejects.toThrow(
      `environment variable ${name} is not set`,
    );
  });

  it("reads each stack's own secret", async () => {
    const fake = new FakeSecretsManager({ "pugs-dev-secrets-db.json": { SecretString: "dev" }, "pugs-prod-secrets-db.json": { SecretString: "prod" } });
    const secrets = createSecrets({ id: "secrets" }, { client: fake });
    expect(await secrets.readFile("db.json", "utf8")).toBe("dev");
    process.env["KLOTHO_STACK_NAME"] = "prod";
    expect(await secrets.readFile("db.json", "utf8")).toBe("prod");
  });
});
