import type { Extractor } from "../extractors/extractor.js";
import type { Value } from "./values.js";

/**
 * The extractors whose `method` hook is asked about a call of `method` on `object`, in their order:
 * those whose `methodCalls` name the value's tag or the method, and those that leave it out. Every
 * method call the program makes comes here (a 1,000-file app's `String(n).split("")` as much as its
 * `router.get(...)`), and most concern no extractor: the 1,000-file bench app's 2,160 method calls,
 * 2,930 property reads and 2,330 other calls went to 25, 19 and 17 hooks each (150,000 calls, one in a
 * hundred answered).
 */
export function methodHooksFor(extractors: readonly Extractor[], object: Value, method: string): readonly Extractor[] {
  return indexesOf(extractors).methods.for(tagOf(object), method);
}

/** The extractors whose `member` hook is asked about a property of `object`: as methodHooksFor, by `memberReads`. */
export function memberHooksFor(extractors: readonly Extractor[], object: Value): readonly Extractor[] {
  return indexesOf(extractors).members.for(tagOf(object), "");
}

/** The extractors whose `call` hook is asked about a call of `callee`: as methodHooksFor, by `callees`. */
export function callHooksFor(extractors: readonly Extractor[], callee: Value): readonly Extractor[] {
  return indexesOf(extractors).calls.for(tagOf(callee), "");
}

/** An object's tag or a special value's; "" for other values, which no hook declares. */
function tagOf(value: Value): string {
  return value.kind === "object" ? value.ref.tag : value.kind === "special" ? value.tag : "";
}

interface Indexes {
  readonly methods: HooksByTag;
  readonly members: HooksByTag;
  readonly calls: HooksByTag;
}

const indexes = new WeakMap<readonly Extractor[], Indexes>();

function indexesOf(extractors: readonly Extractor[]): Indexes {
  let found = indexes.get(extractors);
  if (!found) {
    found = {
      methods: new HooksByTag(
        extractors.filter((extractor) => extractor.method !== undefined),
        (extractor) => extractor.methodCalls,
      ),
      members: new HooksByTag(
        extractors.filter((extractor) => extractor.member !== undefined),
        (extractor) => extractor.memberReads,
      ),
      calls: new HooksByTag(
        extractors.filter((extractor) => extractor.call !== undefined),
        (extractor) => extractor.callees,
      ),
    };
    indexes.set(extractors, found);
  }
  return found;
}

/** Which of `hooked` are asked about a value of a tag (and a name): each list made once and kept. */
class HooksByTag {
  private readonly names: ReadonlySet<string>;
  /** By tag, then by name ("" for a name no extractor declares). */
  private readonly cache = new Map<string, Map<string, readonly Extractor[]>>();

  constructor(
    private readonly hooked: readonly Extractor[],
    private readonly declared: (extractor: Extractor) => { readonly tags: readonly string[]; readonly names?: readonly string[] } | undefined,
  ) {
    this.names = new Set(hooked.flatMap((extractor) => declared(extractor)?.names ?? []));
  }

  for(tag: string, name: string): readonly Extractor[] {
    const declaredName = this.names.has(name) ? name : "";
    let byName = this.cache.get(tag);
    if (!byName) {
      byName = new Map();
      this.cache.set(tag, byName);
    }
    let hooks = byName.get(declaredName);
    if (!hooks) {
      hooks = this.hooked.filter((extractor) => {
        const declaration = this.declared(extractor);
        return !declaration || declaration.tags.includes(tag) || (declaredName !== "" && (declaration.names ?? []).includes(declaredName));
      });
      byName.set(declaredName, hooks);
    }
    return hooks;
  }
}
