/**
 * The value patterns: secretlint's recommended preset driven through its rule API, plus our one
 * Google API key pattern. Every pattern must be linear on hostile input: a 100k-character string
 * built to make a backtracking pattern blow up must be scanned in well under a second.
 */
import { expect } from "chai";
import { GOOGLE_API_KEY_PATTERN, detectorFrom, loadSecretPatterns, loadedSecretPatterns } from "../../policies/core/secret-patterns";

const N = 100_000;
const r = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);

/** Strings that defeat backtracking patterns: long runs of what a token is made of, prefixes repeated, separators without an end. */
const ADVERSARIAL: string[] = [
    r("a", N), r("-", N), r("_", N), r("=", N), r(" ", N), r("\n", N), r("é", N), r("A1", N),
    `sk-${r("a", N)}`, `sk-proj-${r("a", N)}`, `sk-ant-api03-${r("A", N)}`, r("T3BlbkFJ-", N), `${r("x", N)}T3BlbkFJ`,
    `xoxb-${r("a-", N)}`, `xoxb-${r("1-", N)}!`, `https://${r(":", N)}@`, `https://${r("a:", N)}`, `https://${r("a", N)}:x-oauth-basic@github.com/`, r("x-oauth-basic@", N),
    r("-----BEGIN ", N), `-----BEGIN PRIVATE KEY-----\n${r("A", N)}`, `-----BEGIN RSA PRIVATE KEY-----${r("\n", N)}`,
    r("AKIA", N), r("ASIA0", N), r("hf_", N), r("ghp_", N), `github_pat_${r("a_", N)}`, r("glpat-a", N), r("gsk_", N), r("AIza0", N), `AIza${r("-", N)}`,
    `mongodb://${r("a", N)}`, `postgres://${r("a:", N)}`, `mysql://${r("a@", N)}`, `postgresql://u:${r("p", N)}@`,
    `AWS_SECRET_ACCESS_KEY=${r('"', N)}`, r("AWS_SECRET_ACCESS_KEY=", N), r("aws_secret_access_key: ", N),
    r("_authToken=$", N), r("npm_", N), r("hvs.", N), r("vercel_", N), r("dapi", N), r("figd_", N), r("tskey-", N), r("ops_", N), r("lin_api_", N), r("secret_", N),
    r("shpat_", N), r("SG.", N), r("sk_live_", N), r("rk_test_", N), r("glc_", N), r("glsa_", N), r("dckr_pat_", N),
];

describe("secret value patterns (secretlint preset + ours)", function () {
    this.timeout(60_000);
    before(async () => {
        await loadSecretPatterns();
    });

    it("loads once, lazily: the same detector every time", async () => {
        const first = loadedSecretPatterns();
        expect(first).to.be.a("function");
        expect(await loadSecretPatterns()).to.equal(first);
    });

    it("scans 100k-character adversarial strings in linear time, every rule", () => {
        const detect = loadedSecretPatterns()!;
        const slow: string[] = [];
        for (const text of ADVERSARIAL) {
            const start = process.hrtime.bigint();
            detect(text);
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            if (ms > 250) slow.push(`${JSON.stringify(text.slice(0, 24))}…: ${ms.toFixed(0)} ms`);
        }
        expect(slow).to.deep.equal([]);
    });

    it("names the rule and message that matched, and leaves out what is not a credential", () => {
        const detect = loadedSecretPatterns()!;
        expect(detect(`hf_${"q".repeat(34)}`)?.rule).to.equal("huggingface");
        expect(detect("AKIAIOSFODNN7EXAMPL3")?.kind).to.equal("AWSAccessKeyID");
        expect(detect("AWS_ACCOUNT_ID=123456789012"), "an account id is not a credential").to.equal(undefined);
    });

    it("matches Google API keys by their fixed format, and nothing shorter or longer", () => {
        expect(GOOGLE_API_KEY_PATTERN.test(`AIza${"B".repeat(35)}`)).to.equal(true);
        expect(GOOGLE_API_KEY_PATTERN.test(`AIza${"B".repeat(34)}`)).to.equal(false);
        expect(GOOGLE_API_KEY_PATTERN.test(`AIza${"B".repeat(36)}`)).to.equal(false);
    });

    it("keeps going when one rule throws, and reports nothing for plain text", () => {
        const broken = { meta: { id: "@secretlint/secretlint-rule-broken" }, create: () => ({ file: () => { throw new Error("boom"); } }) };
        const detect = detectorFrom([broken]);
        expect(detect(`AIza${"B".repeat(35)}`)?.rule).to.equal("google");
        expect(detect("plain text")).to.equal(undefined);
    });
});
