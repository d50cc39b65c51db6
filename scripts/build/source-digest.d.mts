/** The file in dist/ holding the digest of the sources it was built from. */
export const SOURCE_DIGEST_FILE: string;
/** The digest of everything a build of the repository at `root` reads, and of the Node that runs it. */
export function sourceDigest(root: string): string;
/** Records in `dist` the digest of the sources it was just built from (taken before the build read them). */
export function writeSourceDigest(dist: string, digest: string): string;
/** Whether `dist` is the build of the repository at `root` as it is now. */
export function isBuildOf(root: string, dist: string): boolean;
