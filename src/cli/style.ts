import { plainStyle, type TextStyle } from "../diagnostics/format-text.js";
import type { CliIo } from "./io.js";

const paint = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/** ANSI colours for a terminal. */
const colorStyle: TextStyle = { error: paint(31), warning: paint(33), dim: paint(2), bold: paint(1) };

/** Colour only on a TTY, never with NO_COLOR set or `--no-color`. */
export function chooseStyle(io: CliIo, colorFlag: boolean): TextStyle {
  const noColor = io.env["NO_COLOR"] !== undefined && io.env["NO_COLOR"] !== "";
  return io.isTTY && colorFlag && !noColor ? colorStyle : plainStyle;
}
