import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { LONG_SLUG, logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { Code } from "../code.js";
import { STACK, secretVariable } from "../refs.js";
import { secretNameAround } from "../../util/secret-names.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/** A secret fs import as one Secrets Manager secret per file its code reads. */
export const persistSecretSecretsManager: ResourceRenderer = {
  meta: { kind: "persist_secret", type: "secrets_manager", description: "one Secrets Manager secret per secret file the code reads (the values are the user's to put)" },
  render(store: Resource, context: ProgramContext) {
    checkedParams(context, store);
    const secrets = (store.secrets ?? []).map((file) => {
      const [before, after] = secretNameAround(context.app, store.name, file);
      return { file, variable: secretVariable(context, store, file), logical: logicalName([store.name, file], undefined, LONG_SLUG), name: Code.concat(before, Code.ref(STACK), after), before, after };
    });
    return { blocks: [{ template: "persist_secret-secrets_manager.njk", order: BLOCK_ORDER.store, key: store.id, model: { id: store.id, secrets } }], needs: ["stack"] };
  },
};
