import path from "node:path";
import { contentType } from "./content-types.js";

/** The Cache-Control of a file whose name changes with its content: browsers and CloudFront keep it a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** The Cache-Control of every other file: browsers and CloudFront ask S3 again (a 304 when unchanged) before using it. */
export const REVALIDATE = "no-cache";

/**
 * A part of a file name (between dots) that ends in webpack, Parcel, create-react-app or Next.js's hex
 * content hash, after `-` or as the whole part (`main.3f2a1b9c`, `framework-2c79e2a64abdb08b`): 8 to 64
 * hex characters, holding a digit and a letter, so dates (`-20240101`) are not hashes.
 */
const HEX_HASH = /(?:^|-)([0-9a-f]{8,64})$/;
/**
 * A part of a file name that ends in Vite and Rollup's hash, `-` then 8 characters of URL-safe base64
 * (`index-BdQq_4o_`), read only in a bundler's output folder (BUNDLER_FOLDER) and only with a digit, a
 * capital and a small letter, and no `-`: a name such as `logo-v2-final`, `user-guide-v1` or
 * `banner-2024-web` ends in 8 such characters too. A Vite hash that fails this (no digit, a `-` in it)
 * is revalidated: a file wrongly kept a year is stale after a deploy, one wrongly revalidated is a 304.
 */
const BASE64_HASH = /-([A-Za-z0-9_]{8})$/;
/** The folders bundlers write hashed files to: Vite's `assets/`, Next.js's `_next/static/`, create-react-app's `static/js|css|media/`. */
const BUNDLER_FOLDER = /(?:^|\/)(?:assets|_next\/static|static\/(?:js|css|media))\//;

/** True when one of the file name's parts carries a content hash (see HEX_HASH and BASE64_HASH). */
export function hasContentHash(file: string): boolean {
  const parts = path.posix.basename(file).split(".").slice(0, -1);
  const inBundlerFolder = BUNDLER_FOLDER.test(path.posix.dirname(file) + "/");
  return parts.some((part) => {
    const hex = HEX_HASH.exec(part)?.[1];
    if (hex !== undefined && /[0-9]/.test(hex) && /[a-f]/.test(hex)) return true;
    const base64 = inBundlerFolder ? BASE64_HASH.exec(part)?.[1] : undefined;
    return base64 !== undefined && /[0-9]/.test(base64) && /[A-Z]/.test(base64) && /[a-z]/.test(base64);
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
