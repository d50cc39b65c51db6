import path from "node:path";
import type { Resource } from "../../plan/index.js";
import { cacheControl } from "../cache-control.js";
import { Code } from "../code.js";
import { contentType } from "../content-types.js";
import type { ProgramContext } from "../context.js";
import { LONG_SLUG, logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { siteObjectKeys } from "../../util/site-keys.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/**
 * A static unit as an S3 bucket holding its files (object key = the path below the index document's
 * folder, siteObjectKeys; Cache-Control by cacheControl): private behind CloudFront with origin access
 * control, or, with `cloudFrontEnabled: false`, a public S3 website. With an index document, a path
 * with no file is answered with it (`spaFallback`, true unless set false): a single-page app's deep link;
 * but when the site has a `404.html` beside the index document, a site of separate pages, that page
 * answers with status 404, so a broken link is not a page that loads with 200.
 */
export const staticUnitS3: ResourceRenderer = {
  meta: {
    kind: "static_unit",
    type: "s3",
    description:
      "an S3 bucket with an object per file (content types, Cache-Control); private behind CloudFront with origin access control, or an S3 website when cloudFrontEnabled is false; the index document answers paths with no file (spaFallback), or the site's 404.html with status 404 when it has one",
  },
  render(site: Resource, context: ProgramContext) {
    const params = checkedParams(context, site);
    const cloudFront = params["cloudFrontEnabled"] !== false;
    const indexDocument = typeof params["indexDocument"] === "string" ? params["indexDocument"] : undefined;
    const { keys, index } = siteObjectKeys(site.files ?? [], indexDocument);
    // The index document's object: the shallowest file of that name, else the name as written.
    const indexKey = (index === undefined ? undefined : keys.get(index)) ?? indexDocument;
    const model = {
      id: site.id,
      logical: logicalName([site.name]),
      bucketLogical: logicalName([site.name], "site"),
      bucket: context.variable(site, "bucket"),
      publicAccess: context.variable(site, "publicAccess"),
      files: (site.files ?? []).map((file) => ({
        key: keys.get(file) ?? file,
        source: `./${site.name}/${file}`,
        contentType: contentType(file),
        cacheControl: cacheControl(file),
        logical: logicalName([site.name, file], undefined, LONG_SLUG),
      })),
      cloudFront,
      indexDocument: indexKey,
      fallback: indexKey !== undefined && params["spaFallback"] !== false ? fallbackPage(site.files ?? [], index, keys, indexKey) : undefined,
      websiteIndex: indexDocument ?? "index.html",
      priceClass: params["priceClass"] ?? "PriceClass_100",
      originAccessControl: context.variable(site, "originAccessControl"),
      distribution: context.variable(site, "distribution"),
      website: context.variable(site, "website"),
    };
    const url = cloudFront ? Code.concat("https://", Code.ref(model.distribution, "domainName")) : Code.concat("http://", Code.ref(model.website, "websiteEndpoint"));
    return {
      blocks: [{ template: "static_unit-s3.njk", order: BLOCK_ORDER.site, key: site.id, model }],
      outputs: [{ name: context.variable(site, "url"), value: url, description: `${site.id}: the site's URL` }],
    };
  },
};

/** The site's page for a path with no file: its object key, and the status it is sent with. */
interface FallbackPage {
  readonly key: string;
  readonly status: number;
}

/** The name of a site's not-found page, looked for beside the index document. */
const NOT_FOUND_PAGE = "404.html";

/**
 * What answers a path with no file: the site's `404.html` beside the index document (`index`, a project
 * path) with status 404 when it has one, a site of separate pages whose broken links must stay errors;
 * else the index document (`indexKey`) with 200, a single-page app's deep link its router resolves.
 */
function fallbackPage(files: readonly string[], index: string | undefined, keys: ReadonlyMap<string, string>, indexKey: string): FallbackPage {
  const folder = index === undefined ? "." : path.posix.dirname(index);
  const notFound = folder === "." ? NOT_FOUND_PAGE : `${folder}/${NOT_FOUND_PAGE}`;
  const notFoundKey = files.includes(notFound) ? keys.get(notFound) : undefined;
  return notFoundKey === undefined ? { key: indexKey, status: 200 } : { key: notFoundKey, status: 404 };
}
