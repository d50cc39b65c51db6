import { readBuildDigest } from "../load/build-digest.js";
import type { PreviousEmits } from "../load/previous-emits.js";
import { typescriptVersion } from "../load/typescript-package.js";
import { sourceMapPath } from "../util/emitted-files.js";
import { sha256 } from "../util/sha256.js";
import { emitKey, javascriptPath, type EmitRequest, type Emitted } from "./typescript.js";

/**
 * What a file's JavaScript depends on besides its path and its TypeScript: the build of klotho that
 * emits it (its emit code), the TypeScript version, the module kind and the tsconfig's emit options.
 * Undefined when klotho runs from its sources (no build digest): nothing is stamped or reused then.
 */
export function emitStamp(request: EmitRequest, build = readBuildDigest(), typescript = typescriptVersion()): string | undefined {
  if (build === undefined || typescript === undefined) return undefined;
  return sha256(JSON.stringify({ build, typescript, moduleKind: request.moduleKind, project: request.project ?? null }));
}

/**
 * The requests whose JavaScript an earlier compile left in the output folder with the same stamp,
 * path and TypeScript (`previous`, see readPreviousEmits), as that compile emitted them: the same
 * bytes an emit would give. The others are `missing`, for the compiler.
 */
export function reuseEmits(requests: readonly EmitRequest[], previous: PreviousEmits | undefined): { reused: Map<string, Emitted>; missing: EmitRequest[] } {
  const reused = new Map<string, Emitted>();
  const missing: EmitRequest[] = [];
  for (const request of requests) {
    const codePath = javascriptPath(request.path);
    const found = request.stamp === undefined ? undefined : previous?.get(request.stamp, codePath, request.text);
    if (found) reused.set(emitKey(request), { code: { path: codePath, text: found.code }, map: { path: sourceMapPath(codePath), text: found.map } });
    else missing.push(request);
  }
  return { reused, missing };
}
