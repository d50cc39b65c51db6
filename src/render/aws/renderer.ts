import type { Resource } from "../../plan/index.js";
import type { Code } from "../code.js";
import type { ProgramContext } from "../context.js";

/** Where a block goes in the program: everything a block uses is declared by an earlier one. */
export const BLOCK_ORDER = { network: 10, store: 20, topic: 30, unit: 40, subscription: 50, gateway: 60, site: 70 } as const;

/** One block of the program: a template and the data it is rendered with. */
export interface Block {
  readonly template: string;
  readonly order: number;
  /** Blocks with the same key are one block (the kv table every kv map shares). */
  readonly key: string;
  readonly model: object;
}

/** A stack output (`export const apiGatewayUrl = ...`). */
export interface StackOutput {
  readonly name: string;
  readonly value: Code;
  readonly description: string;
}

/** Shared declarations: the docker-build import, the AWS region, the ECR sign-in token, the stack's name. */
export type ProgramNeed = "dockerBuild" | "region" | "ecrToken" | "stack";

/** What a renderer contributes for one plan resource. */
export interface Rendered {
  readonly blocks: readonly Block[];
  readonly outputs?: readonly StackOutput[];
  /** Declarations the program's header must make for these blocks. */
  readonly needs?: readonly ProgramNeed[];
}

/** Turns plan resources of one kind and cloud type into program blocks. */
export interface ResourceRenderer {
  readonly meta: {
    readonly kind: string;
    readonly type: string;
    /** What the blocks create, for the docs and the program's comments. */
    readonly description: string;
  };
  render(resource: Resource, context: ProgramContext): Rendered;
}
