import type { Resource } from "../../plan/index.js";
import { Code } from "../code.js";
import { contentType } from "../content-types.js";
import type { ProgramContext } from "../context.js";
import { LONG_SLUG, logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { siteObjectKeys } from "../../util/site-keys.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/**
 * A static unit as an S3 bucket holding its files (object key = the path below the index document's
 * folder, siteObjectKeys): private behind
 * CloudFront with origin access control, or, with `cloudFrontEnabled: false`, a public S3 website.
 */
export const staticUnitS3: ResourceRenderer = {
  meta: {
    kind: "static_unit",
    type: "s3",
    description: "an S3 bucket with an object per file (content types); private behind CloudFront with origin access control, or an S3 website when cloudFrontEnabled is false",
  },
  render(site: Resource, context: ProgramContext) {
    const params = checkedParams(context, site);
    const cloudFront = params["cloudFrontEnabled"] !== false;
    const indexDocument = params["indexDocument"];
    const { keys } = siteObjectKeys(site.files ?? [], typeof indexDocument === "string" ? indexDocument : undefined);
    const model = {
      id: site.id,
      logical: logicalName([site.name]),
      bucketLogical: logicalName([site.name], "site"),
      bucket: context.variable(site, "bucket"),
      publicAccess: context.variable(site, "publicAccess"),
      files: (site.files ?? []).map((file) => ({ key: keys.get(file) ?? file, source: `./${site.name}/${file}`, contentType: contentType(file), logical: logicalName([site.name, file], undefined, LONG_SLUG) })),
      cloudFront,
      indexDocument,
      websiteIndex: typeof indexDocument === "string" ? indexDocument : "index.html",
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
