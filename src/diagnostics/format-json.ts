import type { Diagnostic, Severity } from "./diagnostic.js";

/** A diagnostic as it appears in `--json` output: 1-based columns, like the text form. */
export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  ruleId?: string;
  related?: { message: string; file: string; line: number; column: number }[];
}

/** Converts a diagnostic to its JSON output shape. */
export function diagnosticToJson(d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = { code: d.code, severity: d.severity, message: d.message };
  if (d.range) {
    out.file = d.range.file;
    out.line = d.range.start.line;
    out.column = d.range.start.column + 1;
    out.endLine = d.range.end.line;
    out.endColumn = d.range.end.column + 1;
  }
  if (d.ruleId) out.ruleId = d.ruleId;
  if (d.related) {
    out.related = d.related.map((r) => ({
      message: r.message,
      file: r.range.file,
      line: r.range.start.line,
      column: r.range.start.column + 1,
    }));
  }
  return out;
}
