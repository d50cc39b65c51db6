import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { unitEnvironment, type EnvironmentVariable } from "../environment.js";
import type { PolicyStatement } from "../iam.js";
import { logicalName, slug, type RoleKind } from "../names.js";

/** What every execution unit has, whatever runs it: its image, its log group, its environment. */
export interface UnitBase {
  readonly id: string;
  readonly name: string;
  /** Logical name of the unit's single resources (repository, image, log group, function or service). */
  readonly logical: string;
  /** The unit's folder, the image's build context. */
  readonly context: string;
  readonly repository: string;
  readonly image: string;
  readonly logGroup: string;
  readonly logGroupPrefix: string;
  readonly environment: readonly EnvironmentVariable[];
}

/** An IAM role with its inline policy. */
export interface RoleModel {
  readonly role: string;
  readonly policy: string;
  readonly logical: string;
  readonly service: string;
  readonly statements: readonly PolicyStatement[];
}

/** The model parts shared by Lambda and ECS units. */
export function unitBase(context: ProgramContext, unit: Resource): UnitBase {
  return {
    id: unit.id,
    name: unit.name,
    logical: logicalName([unit.name]),
    context: `./${unit.name}`,
    repository: context.variable(unit, "repository"),
    image: context.variable(unit, "image"),
    logGroup: context.variable(unit, "logGroup"),
    logGroupPrefix: `/klotho/${context.app}/${slug(unit.name)}-`,
    environment: unitEnvironment(context, unit),
  };
}

/** A role of the unit assumed by `service`, with its statements. */
export function roleModel(context: ProgramContext, unit: Resource, kind: RoleKind, service: string, statements: readonly PolicyStatement[]): RoleModel {
  return { role: context.variable(unit, `${kind} role`), policy: context.variable(unit, `${kind} policy`), logical: logicalName([unit.name], kind), service, statements };
}
