/**
 * The caches of policies/core (memo.ts, and the IAM modules and secret-name rule that use it): a cached answer is the
 * answer computed afresh, each distinct string is computed once, and no cache grows past its bound.
 * No timing here: the coordinator measures speed with `npm run bench`.
 */
import { expect } from "chai";
import { clearExpansionCache, expandAction, expandUncached, expansionCache } from "../../policies/core/iam/actions";
import { BoundedCache, CachePerObject } from "../../policies/core/memo";
import { principalSuggestionCaches, suggestServicePrincipal, suggestServicePrincipalUncached } from "../../policies/core/iam/principals";
import { closest, closestUncached, suggestionCaches } from "../../policies/core/iam/suggest";
import { carriesCredential, carriesCredentialUncached } from "../../policies/core/secrets";

/** A compute function that counts its calls. */
function counting<V>(answer: (key: string) => V): { compute: (key: string) => () => V; calls: string[] } {
    const calls: string[] = [];
    return { calls, compute: (key) => () => (calls.push(key), answer(key)) };
}

describe("core/memo", () => {
    describe("BoundedCache", () => {
        it("computes each key once and returns the same answer after", () => {
            const cache = new BoundedCache<{ upper: string }>(10);
            const { compute, calls } = counting((k) => ({ upper: k.toUpperCase() }));
            const first = cache.get("kms:decrypt", compute("kms:decrypt"));
            for (let i = 0; i < 1000; i++) expect(cache.get("kms:decrypt", compute("kms:decrypt"))).to.equal(first);
            expect(first).to.deep.equal({ upper: "KMS:DECRYPT" });
            expect(calls).to.deep.equal(["kms:decrypt"]);
            expect(cache.size).to.equal(1);
        });

        it("remembers undefined answers too (a word with no near miss)", () => {
            const cache = new BoundedCache<string | undefined>(10);
            const { compute, calls } = counting(() => undefined);
            expect(cache.get("qqq", compute("qqq"))).to.equal(undefined);
            expect(cache.get("qqq", compute("qqq"))).to.equal(undefined);
            expect(calls).to.deep.equal(["qqq"]);
        });

        it("never holds more than its capacity, forgetting the least recently used first", () => {
            const cache = new BoundedCache<number>(3);
            const { compute, calls } = counting((k) => k.length);
            for (const k of ["a", "bb", "ccc"]) cache.get(k, compute(k));
            cache.get("a", compute("a")); // "a" is now the most recently used; "bb" the least
            cache.get("dddd", compute("dddd"));
            expect(cache.size).to.equal(3);
            cache.get("a", compute("a"));
            cache.get("ccc", compute("ccc"));
            cache.get("bb", compute("bb"));
            expect(calls, "only bb, evicted by dddd, is computed again").to.deep.equal(["a", "bb", "ccc", "dddd", "bb"]);
            for (let i = 0; i < 10_000; i++) cache.get(`k${i}`, () => i);
            expect(cache.size).to.equal(3);
        });

        it("keeps use order on a larger cache too, where a hit moves its entry only once it is no longer recent", () => {
            const cache = new BoundedCache<number>(8);
            const { compute, calls } = counting((k) => k.length);
            const keys = ["k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"];
            for (const k of keys) cache.get(k, compute(k));
            for (const k of ["k0", "k1", "k2", "k3"]) cache.get(k, compute(k)); // k4 is now the least recently used
            cache.get("new", compute("new"));
            expect(cache.size).to.equal(8);
            for (const k of ["k0", "k1", "k2", "k3", "k5", "k6", "k7", "new"]) cache.get(k, compute(k));
            expect(calls.slice(keys.length + 1), "all kept").to.deep.equal([]);
            cache.get("k4", compute("k4"));
            expect(calls.slice(keys.length + 1), "k4 was dropped").to.deep.equal(["k4"]);
        });

        it("answers keys longer than any real name without keeping them", () => {
            const cache = new BoundedCache<number>(5, 8);
            const { compute, calls } = counting((k) => k.length);
            const long = "x".repeat(1_000_000);
            expect(cache.get(long, compute(long))).to.equal(1_000_000);
            expect(cache.get(long, compute(long))).to.equal(1_000_000);
            expect(calls).to.have.length(2);
            expect(cache.size).to.equal(0);
        });

        it("forgets everything on clear, and refuses a capacity below one", () => {
            const cache = new BoundedCache<number>(2);
            cache.get("a", () => 1);
            cache.clear();
            expect(cache.size).to.equal(0);
            expect(cache.get("a", () => 2)).to.equal(2);
            for (const bad of [0, -1, 1.5, NaN]) expect(() => new BoundedCache<number>(bad), String(bad)).to.throw(RangeError);
        });
    });

    describe("CachePerObject", () => {
        it("keeps one cache per owner, each bounded", () => {
            const perList = new CachePerObject<number>(2);
            const a: string[] = [];
            const b: string[] = [];
            expect(perList.of(a)).to.equal(perList.of(a));
            expect(perList.of(a)).to.not.equal(perList.of(b));
            for (let i = 0; i < 100; i++) perList.of(a).get(`k${i}`, () => i);
            expect(perList.of(a).size).to.equal(2);
            expect(perList.of(b).size).to.equal(0);
        });
    });

    describe("the did-you-mean suggestions (suggest.ts)", () => {
        const candidates = ["Encrypt", "Decrypt", "GenerateDataKey", "ScheduleKeyDeletion", "DescribeKey", "s3", "sqs"];
        const words = ["Decrpyt", "decrypt", "DECRYPT", "Encrytp", "GenerateDataKy", "ScheduleKeyDeleton", "s4", "sq", "qqqqqq", "", "x".repeat(5000)];

        it("returns what the uncached search returns, the first time and every time after", () => {
            for (const word of words) {
                const fresh = closestUncached(word, candidates);
                expect(closest(word, candidates), word.slice(0, 20)).to.equal(fresh);
                expect(closest(word, candidates), `${word.slice(0, 20)} again`).to.equal(fresh);
            }
            expect(closest("Decrpyt", candidates)).to.equal("Decrypt");
        });

        it("computes a word once per candidate list, however many resources repeat it", () => {
            const list = ["Encrypt", "Decrypt"];
            for (let i = 0; i < 5000; i++) closest("Decrpyt", list);
            expect(suggestionCaches.of(list).size).to.equal(1);
        });

        it("does not grow past its bound on a stream of distinct words", () => {
            const list = ["Encrypt", "Decrypt"];
            const cache = suggestionCaches.of(list);
            for (let i = 0; i < cache.capacity + 500; i++) closest(`w${i}`, list);
            expect(cache.size).to.equal(cache.capacity);
        });
    });

    describe("the service-principal suggestions (principals.ts)", () => {
        const principals = ["lamda.amazonaws.com", "sagemaker.amazonaw.com", "aiforecasts.amazonaws.com", "Sagemaker.amazonaws.com", "lambda", " lambda.amazonaws.com", "qqqqqqqqqqqq.amazonaws.com", "x", ""];

        it("returns what the uncached search returns, with and without extra principals", () => {
            const extra = ["brandnew.amazonaws.com"];
            for (const principal of [...principals, "brandnw.amazonaws.com"]) {
                expect(suggestServicePrincipal(principal), principal).to.equal(suggestServicePrincipalUncached(principal));
                expect(suggestServicePrincipal(principal), `${principal} again`).to.equal(suggestServicePrincipalUncached(principal));
                expect(suggestServicePrincipal(principal, extra), `${principal} with extra`).to.equal(suggestServicePrincipalUncached(principal, extra));
            }
            expect(suggestServicePrincipal("lamda.amazonaws.com")).to.equal("lambda.amazonaws.com");
            expect(suggestServicePrincipal("brandnw.amazonaws.com", extra), "the extra list is a candidate list of its own").to.equal("brandnew.amazonaws.com");
        });

        it("computes a principal once per extra list, however many roles name it", () => {
            const extra = ["brandnew.amazonaws.com"];
            for (let i = 0; i < 5000; i++) suggestServicePrincipal("lamda.amazonaws.com", extra);
            expect(principalSuggestionCaches.of(extra).size).to.equal(1);
        });

        it("does not grow past its bound on a stream of distinct principals, and keeps no over-long one", () => {
            const extra = ["brandnew.amazonaws.com"];
            const cache = principalSuggestionCaches.of(extra);
            suggestServicePrincipal("x".repeat(100_000), extra);
            expect(cache.size, "over-long principals are refused before the cache").to.equal(0);
            for (let i = 0; i < cache.capacity + 500; i++) suggestServicePrincipal(`${i}`, extra);
            expect(cache.size).to.equal(cache.capacity);
        });
    });

    describe("the credential-name rule (secrets.ts)", () => {
        const names = ["password", "clientSecret", "oidc_client_secret", "tokenTtl", "secretIdNumUses", "dataJsonWo", "passwordWoVersion", "skipChildToken", "privateKey", "privateKeyFormat", "", "x".repeat(199), "x".repeat(201), "a".repeat(150) + "Token", "a".repeat(250) + "Token"];

        it("answers what the uncached rule answers, the first time and every time after", () => {
            for (const name of names) {
                const fresh = carriesCredentialUncached(name);
                expect(carriesCredential(name), name.slice(0, 20)).to.equal(fresh);
                expect(carriesCredential(name), `${name.slice(0, 20)} again`).to.equal(fresh);
            }
            expect(carriesCredential("clientSecret")).to.equal(true);
            expect(carriesCredential("tokenTtl")).to.equal(false);
            expect(carriesCredential(`${"a".repeat(250)}Token`), "longer than any property name").to.equal(false);
        });
    });

    describe("the action expansions (actions.ts)", () => {
        // The bound test fills the shared cache with junk: leave it empty for the tests after.
        after(clearExpansionCache);

        const patterns: Array<[string, string[] | undefined]> = [
            ["kms:*", undefined],
            ["kms:*", ["kms"]],
            ["KMS:Decrypt", undefined],
            ["kms:decrypt", ["kms"]],
            ["kms:*Key*", ["kms"]],
            ["km?:*", ["kms"]],
            ["*", ["kms"]],
            ["kms:Decrpyt", undefined],
            ["ksm:Decrypt", undefined],
            ["kms:Frob*", undefined],
            ["s3:GetObject", ["kms"]],
            ["nocolon", undefined],
        ];

        it("returns what the uncached expansion returns, and the same object on every repeat", () => {
            for (const [pattern, within] of patterns) {
                const cached = expandAction(pattern, within);
                expect(cached, `${pattern} within ${String(within)}`).to.deep.equal(expandUncached(pattern.trim(), within));
                expect(expandAction(pattern, within), `${pattern} again`).to.equal(cached);
            }
            expect(expandAction("kms:Decrpyt")).to.deep.equal({ status: "unknown-action", suggestion: "kms:Decrypt" });
            expect(expandAction("ksm:Decrypt")).to.deep.equal({ status: "unknown-service", service: "ksm", suggestion: "kms" });
        });

        it("keys by what the expansion depends on: the letter case of a pattern does not, the services it is expanded within do", () => {
            expect(expandAction(" KMS:DECRYPT ")).to.equal(expandAction("kms:decrypt"));
            expect(expandAction("*", ["kms"])).to.not.equal(expandAction("*", ["kms", "s3"]));
        });

        it("does not grow past its bound on a stream of distinct patterns", () => {
            for (let i = 0; i < expansionCache.capacity + 500; i++) expandAction(`nocolon${i}`);
            expect(expansionCache.size).to.equal(expansionCache.capacity);
            expandAction(`kms:${"x".repeat(100_000)}`);
            expect(expansionCache.size).to.equal(expansionCache.capacity);
        });
    });
});
