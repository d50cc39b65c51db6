import type { ImportDeclaration, Node } from "@babel/types";
import { patternNames } from "../../parse/bindings.js";
import { evaluateClass } from "./classes.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { bindPattern } from "./patterns.js";
import type { Scope } from "./scope.js";
import { UNKNOWN, type Value } from "./values.js";

/**
 * Declares the bindings of an ES import: default, named and namespace specifiers. Default and
 * named imports are live: each read sees the exporter's current value, as in an import cycle.
 */
export function declareImports(it: Interpreter, node: ImportDeclaration, scope: Scope, module: ModuleContext): void {
  if (node.importKind === "type" || node.importKind === "typeof") return;
  const namespace = it.importModule(node.source.value, module, node, "esm");
  for (const specifier of node.specifiers) {
    if (specifier.type === "ImportSpecifier" && (specifier.importKind === "type" || specifier.importKind === "typeof")) continue;
    const local = specifier.local.name;
    if (specifier.type === "ImportNamespaceSpecifier") {
      scope.declare(local, namespace);
      it.nameValue(namespace, local);
      continue;
    }
    const imported = specifier.type === "ImportDefaultSpecifier" ? "default" : specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
    const read = (): Value => (imported === "default" ? defaultOf(it, namespace) : it.member(namespace, imported, { node: specifier, module }));
    scope.declareLive(local, read);
    it.nameValue(read(), local);
  }
}

/** The default export of a namespace; for a library (not a project file) the library value itself. */
function defaultOf(it: Interpreter, namespace: Value): Value {
  if (namespace.kind === "object" && (namespace.ref.tag === "namespace" || namespace.ref.tag === "esm-exports")) return it.member(namespace, "default");
  return namespace;
}

/** Exported function declarations are hoisted with their module: a cycle can call them before the module body runs. */
export function hoistExport(it: Interpreter, node: Node, scope: Scope, module: ModuleContext): void {
  if (node.type !== "ExportNamedDeclaration" && node.type !== "ExportDefaultDeclaration") return;
  const declaration = node.declaration;
  if (declaration?.type !== "FunctionDeclaration") return;
  const name = node.type === "ExportDefaultDeclaration" ? "default" : declaration.id?.name;
  const value = declaration.id ? scope.lookup(declaration.id.name) : it.makeFunction(declaration, scope, module);
  if (name !== undefined && value) module.esmExports.props.set(name, value);
}

/** Runs export declarations, TypeScript `import x = require()` and `export =`; other statements are ignored. */
export function evaluateExport(it: Interpreter, node: Node, scope: Scope, module: ModuleContext): Value | undefined {
  const exports = module.esmExports.props;
  switch (node.type) {
    case "ExportNamedDeclaration":
      if (node.exportKind === "type") return undefined;
      if (node.declaration) {
        it.statements([node.declaration], scope, module);
        for (const name of declaredNames(node.declaration)) {
          exports.set(name, scope.lookup(name) ?? UNKNOWN);
          module.localExports.push([name, name]);
        }
        return undefined;
      }
      exportSpecifiers(it, node, scope, module);
      return undefined;
    case "ExportDefaultDeclaration": {
      const declaration = node.declaration;
      if (declaration.type === "FunctionDeclaration") return undefined;
      let value: Value;
      if (declaration.type === "ClassDeclaration") value = evaluateClass(it, declaration, scope, module);
      else if (declaration.type === "TSDeclareFunction") value = UNKNOWN;
      else value = it.expression(declaration, scope, module);
      if (declaration.type === "ClassDeclaration" && declaration.id) scope.declare(declaration.id.name, value);
      exports.set("default", value);
      return undefined;
    }
    case "ExportAllDeclaration": {
      if (node.exportKind === "type") return undefined;
      const namespace = it.importModule(node.source.value, module, node, "esm");
      if (namespace.kind === "object") it.reexport(namespace.ref, module);
      return undefined;
    }
    case "TSImportEqualsDeclaration":
      if (node.moduleReference.type === "TSExternalModuleReference" && node.importKind !== "type") {
        const value = it.importModule(node.moduleReference.expression.value, module, node, "cjs");
        bindPattern(it, node.id, value, scope, module, true);
      }
      return undefined;
    case "TSExportAssignment":
      module.moduleObject.props.set("exports", it.expression(node.expression, scope, module));
      return undefined;
    default:
      return undefined;
  }
}

function exportSpecifiers(it: Interpreter, node: Extract<Node, { type: "ExportNamedDeclaration" }>, scope: Scope, module: ModuleContext): void {
  const namespace = node.source ? it.importModule(node.source.value, module, node, "esm") : undefined;
  for (const specifier of node.specifiers) {
    if (specifier.type === "ExportSpecifier" && specifier.exportKind === "type") continue;
    const exported = specifier.exported.type === "Identifier" ? specifier.exported.name : specifier.exported.value;
    if (specifier.type === "ExportNamespaceSpecifier") {
      module.esmExports.props.set(exported, namespace ?? UNKNOWN);
    } else if (specifier.type === "ExportDefaultSpecifier") {
      module.esmExports.props.set(exported, namespace ? defaultOf(it, namespace) : UNKNOWN);
    } else if (namespace) {
      const local = specifier.local.name;
      module.esmExports.props.set(exported, local === "default" ? defaultOf(it, namespace) : it.member(namespace, local));
    } else {
      module.esmExports.props.set(exported, scope.lookup(specifier.local.name) ?? UNKNOWN);
      module.localExports.push([exported, specifier.local.name]);
    }
  }
}

function declaredNames(declaration: Node): string[] {
  if ((declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id) return [declaration.id.name];
  if (declaration.type === "TSEnumDeclaration") return [declaration.id.name];
  if (declaration.type !== "VariableDeclaration") return [];
  return declaration.declarations.flatMap((d) => patternNames(d.id));
}

