import type { Node } from "@babel/types";
import { walkAst } from "../../parse/walk.js";

/** The functions that list a folder: fs `readdir`/`opendir` in any form, a glob (`glob`, `globSync`, `glob.sync`). */
const LISTING_FUNCTIONS: ReadonlySet<string> = new Set(["readdir", "readdirSync", "opendir", "opendirSync", "glob", "globSync"]);

/**
 * True when the computed load `load` (`require(x)`, `import(x)`) loads what a folder listing holds: its
 * specifier is read from a listing (a listing call in it, or a name of the file bound to one), or it sits
 * in the body of a loop over a listing (`for (const f of fs.readdirSync(dir))`) or in a callback given
 * to a listing or to a method of one (`fs.readdir(dir, cb)`, `files.filter(...).forEach(cb)`,
 * `readdir(dir).then(cb)`). A load elsewhere in a file that lists a folder is not one.
 */
export function loadsFromListing(load: Node, parentOf: (node: Node) => Node | undefined, listingNames: ReadonlySet<string>): boolean {
  const specifier = load.type === "CallExpression" ? load.arguments[0] : undefined;
  if (specifier !== undefined && readsListing(specifier, listingNames)) return true;
  let child = load;
  for (let parent = parentOf(child); parent !== undefined; child = parent, parent = parentOf(child)) {
    if ((parent.type === "ForOfStatement" || parent.type === "ForInStatement") && child === parent.body && readsListing(parent.right, listingNames)) return true;
    if (isCallback(child, parent) && (isListingCall(parent) || (isMemberCallee(parent.callee) && readsListing(parent.callee.object, listingNames)))) return true;
  }
  return false;
}

/**
 * The names the file `root` binds to a listing or to a value read from one (`const files = fs.readdirSync(dir)`,
 * `const routes = files.filter(...)`), by declaration or assignment, wherever in the file (names are not scoped:
 * a name bound to a listing anywhere counts everywhere).
 */
export function listingNamesOf(root: Node): Set<string> {
  const bindings: [name: string, value: Node][] = [];
  walkAst(root, (node) => {
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) bindings.push([node.id.name, node.init]);
    if (node.type === "AssignmentExpression" && node.left.type === "Identifier") bindings.push([node.left.name, node.right]);
    return undefined;
  });
  const names = new Set<string>();
  for (let added = true; added; ) {
    added = false;
    for (const [name, value] of bindings) {
      if (names.has(name) || !readsListing(value, names)) continue;
      names.add(name);
      added = true;
    }
  }
  return names;
}

/** True when the expression holds a listing call or a name bound to a listing (not a property key or a non-computed property). */
function readsListing(expression: Node, listingNames: ReadonlySet<string>): boolean {
  let found = false;
  walkAst(expression, (node, parent) => {
    if (found) return false;
    if (isListingCall(node) || (node.type === "Identifier" && listingNames.has(node.name) && !isPropertyName(node, parent))) found = true;
    return undefined;
  });
  return found;
}

/** A call of a listing function (`readdirSync(dir)`, `fs.promises.readdir(dir)`, `glob.sync(pattern)`). */
function isListingCall(node: Node): boolean {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return false;
  const { callee } = node;
  if (callee.type === "Identifier") return LISTING_FUNCTIONS.has(callee.name);
  if (!isMemberCallee(callee) || callee.computed || callee.property.type !== "Identifier") return false;
  const name = callee.property.name;
  return LISTING_FUNCTIONS.has(name) || (name === "sync" && callee.object.type === "Identifier" && callee.object.name === "glob");
}

/** True when `child` is a function passed as an argument of the call `parent`. */
function isCallback(child: Node, parent: Node): parent is Node & { type: "CallExpression" | "OptionalCallExpression" } {
  if (child.type !== "ArrowFunctionExpression" && child.type !== "FunctionExpression") return false;
  return (parent.type === "CallExpression" || parent.type === "OptionalCallExpression") && parent.arguments.includes(child);
}

/** A member read as a callee (`a.b`, `a?.b`). */
function isMemberCallee(callee: Node): callee is Node & { type: "MemberExpression" | "OptionalMemberExpression" } {
  return callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression";
}

/** True when the identifier is a property's name rather than a variable (`o.files`, `{ files: 1 }`). */
function isPropertyName(node: Node, parent: Node | undefined): boolean {
  if (parent === undefined) return false;
  if ((parent.type === "MemberExpression" || parent.type === "OptionalMemberExpression") && !parent.computed) return parent.property === node;
  return (parent.type === "ObjectProperty" || parent.type === "ObjectMethod") && !parent.computed && parent.key === node;
}
