// The code a function in the VPC's private subnets cannot run (it has no route to the internet):
// found by syntax, at the exact line and column of the import or the call.
import { describe, expect, it } from "vitest";
import { findInternetCalls } from "../../src/facts/internet-calls.js";
import { parseFile } from "../../src/parse/parse-file.js";

function callsIn(text: string, path = "pay.js"): string[] {
  const { parsed } = parseFile({ path, text, moduleKind: path.endsWith(".mjs") || path.endsWith(".ts") ? "esm" : "cjs" });
  if (!parsed) throw new Error("did not parse");
  return findInternetCalls(parsed).map((call) => `${String(call.range.start.line)}:${String(call.range.start.column + 1)} ${call.what}${call.awsService !== undefined ? ` [${call.awsService}]` : ""}`);
}

describe("findInternetCalls", () => {
  it.each([
    ['const axios = require("axios");', ["1:23 axios"]],
    ['import got from "got";', ["1:17 got"]],
    ['const { request } = require("undici/lib/x");', ["1:29 undici"]],
    ['import("node-fetch");', ["1:8 node-fetch"]],
    ['const agent = require("superagent");', ["1:23 superagent"]],
    ['const { SESClient } = require("@aws-sdk/client-ses");', ["1:31 @aws-sdk/client-ses [ses]"]],
    ['import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";', ["1:39 @aws-sdk/client-secrets-manager [secretsmanager]"]],
    ['await fetch("https://api.stripe.com/v1/charges");', ['1:7 fetch("https://api.stripe.com/v1/charges")']],
    ["await globalThis.fetch(`https://api.example.com/${id}`);", ['1:7 fetch("https://api.example.com/...")']],
    ['const https = require("https");\nhttps.get("https://example.com", () => {});', ["2:1 https.get"]],
    ['import * as http from "node:http";\nhttp.request({ host: "example.com" });', ["2:1 http.request"]],
    ['const { request } = require("https");\nrequest("https://example.com");', ["2:1 https.request"]],
    ['require("http").get("http://example.com");', ["1:1 http.get"]],
  ])("finds %s", (text, expected) => {
    expect(callsIn(text, "pay.mjs")).toEqual(expected);
  });

  it.each([
    ['await fetch("/api/items");', "a relative URL (code for a browser)"],
    ['await fetch("http://localhost:3000/health");', "this machine"],
    ["await fetch(process.env.PAYMENT_URL);", "a URL not known when compiling"],
    ['const fetch = (url) => cache.get(url);\nfetch("https://api.example.com");', "a function of the file's own named fetch"],
    ['const http = require("http");\nhttp.createServer(() => {}).listen(3000);', "a server"],
    ['import type { SESClient } from "@aws-sdk/client-ses";\nexport let client: SESClient;', "a type-only import"],
    ['const https = require("https");\nhttps.get("http://127.0.0.1:9000/x");', "a request to this machine"],
  ])("does not report %s (%s)", (text) => {
    expect(callsIn(text, "pay.ts")).toEqual([]);
  });
});
