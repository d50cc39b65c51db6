import type { KindDefaults, KlothoConfig, Overrides } from "../generated/klotho-config.js";

/** klotho.yaml's `defaults` block. */
export type ConfigDefaults = NonNullable<KlothoConfig["defaults"]>;

/** The klotho.yaml sections holding per-id settings. */
export type OverrideSection = "execution_units" | "exposed" | "persisted" | "pubsub" | "static_unit";

/** How one resource kind appears in klotho.yaml. */
export interface ConfigKind {
  readonly kind: string;
  /** Name in messages and decisions, e.g. `persist.kv`. */
  readonly label: string;
  /** YAML path of its `defaults` entry. */
  readonly defaultsPath: readonly string[];
  readonly section: OverrideSection;
  readonly readDefaults: (defaults: ConfigDefaults) => KindDefaults | undefined;
  readonly writeDefaults: (defaults: ConfigDefaults, value: KindDefaults) => void;
}

/** Every kind klotho.yaml configures, in the order the effective klotho.yaml lists them (the original klotho's). */
export const CONFIG_KINDS: readonly ConfigKind[] = [
  {
    kind: "exec_unit",
    label: "execution_unit",
    defaultsPath: ["defaults", "execution_unit"],
    section: "execution_units",
    readDefaults: (d) => d.execution_unit,
    writeDefaults: (d, v) => (d.execution_unit = v),
  },
  {
    kind: "static_unit",
    label: "static_unit",
    defaultsPath: ["defaults", "static_unit"],
    section: "static_unit",
    readDefaults: (d) => d.static_unit,
    writeDefaults: (d, v) => (d.static_unit = v),
  },
  {
    kind: "gateway",
    label: "expose",
    defaultsPath: ["defaults", "expose"],
    section: "exposed",
    readDefaults: (d) => d.expose,
    writeDefaults: (d, v) => (d.expose = v),
  },
  persistKind("persist_kv", "kv"),
  persistKind("persist_fs", "fs"),
  persistKind("persist_secret", "secret"),
  persistKind("persist_orm", "orm"),
  persistKind("persist_redis_node", "redis_node"),
  persistKind("persist_redis_cluster", "redis_cluster"),
  {
    kind: "pubsub",
    label: "pubsub",
    defaultsPath: ["defaults", "pubsub"],
    section: "pubsub",
    readDefaults: (d) => d.pubsub,
    writeDefaults: (d, v) => (d.pubsub = v),
  },
];

type PersistKey = keyof NonNullable<ConfigDefaults["persist"]>;

function persistKind(kind: string, key: PersistKey): ConfigKind {
  return {
    kind,
    label: `persist.${key}`,
    defaultsPath: ["defaults", "persist", key],
    section: "persisted",
    readDefaults: (d) => d.persist?.[key],
    writeDefaults: (d, v) => {
      d.persist = { ...d.persist, [key]: v };
    },
  };
}

/** How klotho.yaml configures `kind`; undefined for kinds it does not know (organisation kinds). */
export function configKindOf(kind: string): ConfigKind | undefined {
  return CONFIG_KINDS.find((entry) => entry.kind === kind);
}

/** The per-id settings of `section`. */
export function overridesOf(config: KlothoConfig, section: OverrideSection): Overrides {
  return config[section] ?? {};
}
