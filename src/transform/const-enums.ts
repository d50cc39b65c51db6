import type { Expression, Node, TSEnumDeclaration } from "@babel/types";

/** A `const enum` member's value: a number or a string, or undefined when klotho cannot compute it. */
export type ConstEnumValue = number | string | undefined;

/** A const enum's members in order, as TypeScript numbers them: an initializer's value, else the previous number plus one. */
export function enumMembers(node: TSEnumDeclaration): Map<string, ConstEnumValue> {
  const members = new Map<string, ConstEnumValue>();
  let previous: ConstEnumValue = -1;
  for (const member of node.members) {
    const name = keyName(member.id);
    const value: ConstEnumValue = member.initializer ? evaluate(member.initializer, node.id.name, members) : typeof previous === "number" ? previous + 1 : undefined;
    members.set(name, value);
    previous = value;
  }
  return members;
}

/** A constant enum expression: literals, earlier members (`A`, `E.A`), unary and binary operators, parentheses. */
function evaluate(node: Expression, enumName: string, members: ReadonlyMap<string, ConstEnumValue>): ConstEnumValue {
  switch (node.type) {
    case "NumericLiteral":
    case "StringLiteral":
      return node.value;
    case "TemplateLiteral":
      return node.expressions.length === 0 ? node.quasis[0]?.value.cooked ?? undefined : undefined;
    case "Identifier":
      return members.get(node.name);
    case "MemberExpression": {
      const key = node.computed ? (node.property.type === "StringLiteral" ? node.property.value : undefined) : keyName(node.property);
      return node.object.type === "Identifier" && node.object.name === enumName && key !== undefined ? members.get(key) : undefined;
    }
    case "ParenthesizedExpression":
    case "TSAsExpression":
      return evaluate(node.expression, enumName, members);
    case "UnaryExpression": {
      const operand = evaluate(node.argument, enumName, members);
      if (typeof operand !== "number") return undefined;
      return node.operator === "-" ? -operand : node.operator === "+" ? operand : node.operator === "~" ? ~operand : undefined;
    }
    case "BinaryExpression":
      return node.left.type === "PrivateName" ? undefined : binary(node.operator, evaluate(node.left, enumName, members), evaluate(node.right, enumName, members));
    default:
      return undefined;
  }
}

const NUMERIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "%": (a, b) => a % b,
  "**": (a, b) => a ** b,
  "<<": (a, b) => a << b,
  ">>": (a, b) => a >> b,
  ">>>": (a, b) => a >>> b,
  "&": (a, b) => a & b,
  "|": (a, b) => a | b,
  "^": (a, b) => a ^ b,
};

function binary(operator: string, left: ConstEnumValue, right: ConstEnumValue): ConstEnumValue {
  if (left === undefined || right === undefined) return undefined;
  if (operator === "+" && (typeof left === "string" || typeof right === "string")) return `${left}${right}`;
  const apply = NUMERIC[operator];
  return apply && typeof left === "number" && typeof right === "number" ? apply(left, right) : undefined;
}

/** A member's value as JavaScript source, as tsc inlines it: the literal, then the member's name in a comment. */
export function inlinedValue(value: number | string, reference: string): string {
  const comment = `/* ${reference.replace(/\*\//g, "*\\/").replace(/\s+/g, " ")} */`;
  if (typeof value === "string") return `${JSON.stringify(value)} ${comment}`;
  const literal = Object.is(value, -0) ? "-0" : String(value);
  return value < 0 || Object.is(value, -0) ? `(${literal} ${comment})` : `${literal} ${comment}`;
}

function keyName(node: Node): string {
  return node.type === "Identifier" ? node.name : node.type === "StringLiteral" ? node.value : "";
}
