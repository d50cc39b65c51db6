/**
 * The npm packages the generated program depends on, pinned: the versions klotho's own tests
 * type-check and mock-run generated programs against (its devDependencies; a test checks that
 * these are the installed ones).
 */
export const PROGRAM_DEPENDENCIES: Readonly<Record<string, string>> = {
  "@pulumi/aws": "7.48.0",
  "@pulumi/docker-build": "0.0.22",
  "@pulumi/pulumi": "3.248.0",
};

/** Development dependencies of the program: Pulumi runs index.ts through TypeScript. */
export const PROGRAM_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  "@types/node": "20.19.43",
  typescript: "5.9.3",
};
