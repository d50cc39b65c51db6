import { progressMessages } from "../diagnostics/progress.js";
import { compareStrings } from "../util/compare.js";

/**
 * The files copied into each unit's folder besides its code, as they are found: each (unit, file)
 * once, with its `Adding asset '<path>' to unit '<unit>'` line the first time.
 */
export class AssetSet {
  private readonly byUnit = new Map<string, Set<string>>();
  /** The progress lines, in the order the assets were added. */
  readonly progress: string[] = [];

  /** Adds `file` to `unit`'s assets. */
  add(unit: string, file: string): void {
    const assets = this.byUnit.get(unit) ?? new Set<string>();
    if (!assets.has(file)) this.progress.push(progressMessages.addingAsset(file, unit));
    this.byUnit.set(unit, assets.add(file));
  }

  /** Unit id → its assets, sorted. */
  sorted(): Map<string, readonly string[]> {
    return new Map([...this.byUnit].map(([unit, assets]) => [unit, [...assets].sort(compareStrings)]));
  }
}
