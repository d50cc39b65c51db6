import path from "node:path";
import { contentType } from "./content-types.js";

/** The Cache-Control of a file whose name changes with its content: browsers and CloudFront keep it a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** The Cache-Control of every other file: browsers and CloudFront ask S3 again (a 304 when unchanged) before using it. */
export const REVALIDATE = "no-cache";

/**
 * A part of a file name (between dots) that ends in a bundler's content hash: Vite and Rollup's
 * `-` + 8 characters of URL-safe base64 (`index-BdQq_4o_`), webpack, Parcel and Next.js's hex after
 * `-` or `.` (`main.3f2a1b9c`, `framework-2c79e2a64abdb08b`), or a name that is only a hex hash.
 * A hash holds a digit and a letter, so words (`component-library`) and dates (`-20240101`) are not hashes.
 */
const HASHED_PART = /(?:-([A-Za-z0-9_-]{8})|(?:^|-)([0-9a-f]{8,64}))$/;

/** True when one of the file name's parts carries a content hash (see HASHED_PART). */
export function hasContentHash(file: string): boolean {
  const parts = path.posix.basename(file).split(".");
  return parts.slice(0, -1).some((part) => {
    const match = HASHED_PART.exec(part);
    const hash = match?.[1] ?? match?.[2];
    return hash !== undefined && /[0-9]/.test(hash) && /[A-Za-z]/.test(hash);
  });
}

/**
 * The Cache-Control a static site's file is stored with. A file whose name carries a content hash
 * never changes under that name, so it is cached for a year; HTML (the index document above all) and
 * any other file keep their name across deploys, so they are revalidated on each use, and a new
 * deploy is seen at once: CloudFront's managed CachingOptimized policy would otherwise keep a file
 * sent without Cache-Control for 24 hours, serving an old index.html whose hashed scripts the deploy
 * has deleted.
 */
export function cacheControl(file: string): string {
  if (contentType(file).startsWith("text/html")) return REVALIDATE;
  return hasContentHash(file) ? IMMUTABLE : REVALIDATE;
}
