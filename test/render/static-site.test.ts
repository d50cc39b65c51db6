// A static site's program, type-checked and run under Pulumi's mocks: a single-page app's deep link
// gets the index document, and each object carries the Cache-Control that lets a redeploy be seen at
// once (HTML revalidated) while files named by their content hash are cached for a year.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTemplates } from "../../src/load/templates.js";
import { IMMUTABLE, REVALIDATE } from "../../src/render/cache-control.js";
import { renderInfrastructure } from "../../src/render/index.js";
import type { MockInventory, MockResource } from "./mock-runner.js";
import { plan, resource } from "./plan-builder.js";
import { createWorkspace, ofType, runUnderMocks, typecheckPrograms, type ProgramWorkspace } from "./programs.js";

const APP = "sites";
// A 404.html outside the index document's folder is not the site's not-found page.
const SPA_FILES = ["frontend/404.html", "frontend/dist/assets/index-BdQq_4o_.js", "frontend/dist/assets/inter-latin.woff2", "frontend/dist/index.html", "frontend/dist/robots.txt"];

const sitesPlan = plan(
  APP,
  [
    resource("static_unit:spa", "s3", { params: { cloudFrontEnabled: true, indexDocument: "index.html" }, files: SPA_FILES }),
    resource("static_unit:pages", "s3", { params: { cloudFrontEnabled: true, indexDocument: "index.html", spaFallback: false }, files: ["site/index.html", "site/about.html"] }),
    resource("static_unit:bare", "s3", { params: { cloudFrontEnabled: true }, files: ["files/a.txt"] }),
    resource("static_unit:website", "s3", { params: { cloudFrontEnabled: false, indexDocument: "index.html" }, files: ["web/index.html", "web/app.3f2a1b9c.js"] }),
    resource("static_unit:docs", "s3", { params: { cloudFrontEnabled: true, indexDocument: "index.html" }, files: ["docs/404.html", "docs/guide/intro.html", "docs/index.html"] }),
    resource("static_unit:oldweb", "s3", { params: { cloudFrontEnabled: false, indexDocument: "index.html" }, files: ["oldweb/404.html", "oldweb/index.html"] }),
  ],
  [],
);

let workspace: ProgramWorkspace;
let tscOutput = "";
let inventory: MockInventory;

beforeAll(async () => {
  const rendered = await renderInfrastructure({ plan: sitesPlan, templates: readTemplates("aws") });
  expect(rendered.diagnostics).toEqual([]);
  workspace = createWorkspace();
  const dir = workspace.write("sites", new Map(rendered.files.map((f) => [f.path, f.contents])));
  tscOutput = await typecheckPrograms(workspace, [dir]);
  inventory = await runUnderMocks(dir, APP);
}, 120_000);

afterAll(() => {
  workspace.remove();
});

/** The distribution of the site whose logical name is `name`. */
function distribution(name: string): MockResource | undefined {
  return ofType(inventory, "aws:cloudfront/distribution:Distribution").find((d) => d.name === name);
}

describe("a static site's program", () => {
  it("type-checks", () => {
    expect(tscOutput).toBe("");
  });

  it("answers a path with no file with the index document and 200 behind CloudFront, unless spaFallback is false or there is no index document", () => {
    const fallback = (status: number) => ({ errorCode: status, responseCode: 200, responsePagePath: "/index.html", errorCachingMinTtl: 0 });
    expect(distribution("spa")?.inputs["customErrorResponses"]).toEqual([fallback(403), fallback(404)]);
    expect(distribution("spa")?.inputs["defaultRootObject"]).toBe("index.html");
    expect(distribution("pages")?.inputs["customErrorResponses"]).toBeUndefined();
    expect(distribution("bare")?.inputs["customErrorResponses"]).toBeUndefined();
  });

  it("answers a path with no file with the site's 404.html and 404 when it has one beside the index document: a multi-page site's broken link stays an error", () => {
    const notFound = (status: number) => ({ errorCode: status, responseCode: 404, responsePagePath: "/404.html", errorCachingMinTtl: 0 });
    expect(distribution("docs")?.inputs["customErrorResponses"]).toEqual([notFound(403), notFound(404)]);
    expect(distribution("docs")?.inputs["defaultRootObject"]).toBe("index.html");
  });

  it("makes the index document the S3 website's error document, or its 404.html when it has one", () => {
    const websites = ofType(inventory, "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration");
    expect(websites.find((w) => w.name === "website")?.inputs).toMatchObject({ indexDocument: { suffix: "index.html" }, errorDocument: { key: "index.html" } });
    expect(websites.find((w) => w.name === "oldweb")?.inputs).toMatchObject({ indexDocument: { suffix: "index.html" }, errorDocument: { key: "404.html" } });
  });

  it("stores HTML and files without a content hash revalidated, and hashed files immutable for a year", () => {
    const objects = ofType(inventory, "aws:s3/bucketObjectv2:BucketObjectv2").map((o) => [o.inputs["key"], o.inputs["cacheControl"]]);
    expect(objects.sort()).toEqual(
      [
        ["files/a.txt", REVALIDATE],
        ["frontend/404.html", REVALIDATE],
        ["404.html", REVALIDATE],
        ["404.html", REVALIDATE],
        ["guide/intro.html", REVALIDATE],
        ["index.html", REVALIDATE],
        ["index.html", REVALIDATE],
        ["about.html", REVALIDATE],
        ["app.3f2a1b9c.js", IMMUTABLE],
        ["assets/index-BdQq_4o_.js", IMMUTABLE],
        ["assets/inter-latin.woff2", REVALIDATE],
        ["index.html", REVALIDATE],
        ["index.html", REVALIDATE],
        ["index.html", REVALIDATE],
        ["robots.txt", REVALIDATE],
      ].sort(),
    );
    expect(IMMUTABLE).toBe("public, max-age=31536000, immutable");
    expect(REVALIDATE).toBe("no-cache");
  });
});
