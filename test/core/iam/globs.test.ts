/**
 * globsIntersect's shortcuts against the whole-string table they stand in for: the segment-wise
 * path (no `*` or `?` on either side) and globsIntersectWhole's literal ends and single-wildcard
 * rest must agree with it on every pair, including colons, slashes and every wildcard kind.
 */
import { expect } from "chai";
import { NO_COLON, SEGMENT, globsIntersect, globsIntersectTable, globsIntersectWhole } from "../../../policies/core/iam/arn";

/** A small deterministic generator (mulberry32), so a failure names a reproducible pair. */
function random(seed: number): () => number {
    let t = seed;
    return () => {
        t = (t + 0x6d2b79f5) | 0;
        let r = Math.imul(t ^ (t >>> 15), 1 | t);
        r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
        return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
    };
}

const show = (g: string) => JSON.stringify(g.split(SEGMENT).join("<SEG>").split(NO_COLON).join("<NC>"));

describe("core/iam/arn: globsIntersect", () => {
    it("agrees with the whole-string table on 20,000 random pairs over a, b, :, /, the wildcards and ?", () => {
        const next = random(20261202);
        const alphabet = ["a", "b", ":", ":", "/", SEGMENT, NO_COLON, "*", "?"];
        const glob = (wild: boolean) => {
            const chars = wild ? alphabet : alphabet.slice(0, 7);
            return Array.from({ length: Math.floor(next() * 9) }, () => chars[Math.floor(next() * chars.length)]).join("");
        };
        for (let i = 0; i < 20_000; i++) {
            // Mostly pairs without `*`/`?`, the segment-wise path; some with, the whole table.
            const a = glob(i % 4 === 0);
            const b = glob(i % 5 === 0);
            expect(globsIntersect(a, b), `${show(a)} ∩ ${show(b)}`).to.equal(globsIntersectTable(a, b));
        }
    });

    it("globsIntersectWhole agrees with the table on 20,000 random pairs, literal ends and lone wildcards included", () => {
        const next = random(20261203);
        const alphabet = ["a", "b", ":", "/", SEGMENT, NO_COLON, "*", "?"];
        const glob = () => {
            // One in three is a lone wildcard, the shortcut's case; the rest mix literals and wildcards.
            if (next() < 0.33) return alphabet[4 + Math.floor(next() * 3)];
            return Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
        };
        let shortcut = 0;
        for (let i = 0; i < 20_000; i++) {
            const a = glob();
            const b = glob();
            if (a.length === 1 || b.length === 1) shortcut++;
            expect(globsIntersectWhole(a, b), `${show(a)} ∩ ${show(b)}`).to.equal(globsIntersectTable(a, b));
        }
        expect(shortcut, "the lone-wildcard shortcut was exercised").to.be.greaterThan(5000);
    });

    it("compares literal ends before the rest: a key id against ${KeyId}, a mismatch at either end", () => {
        expect(globsIntersectWhole("key/1234abcd-12ab", `key/${SEGMENT}`)).to.equal(true);
        expect(globsIntersectWhole("key/a/b", `key/${SEGMENT}`)).to.equal(false);
        expect(globsIntersectWhole("key/a:b", `key/${NO_COLON}`)).to.equal(false);
        expect(globsIntersectWhole("key/a:b", "key/*")).to.equal(true);
        expect(globsIntersectWhole("alias/x", `key/${SEGMENT}`)).to.equal(false);
        expect(globsIntersectWhole("data/x.csv", `${SEGMENT}/x.json`)).to.equal(false);
        expect(globsIntersectWhole("data/?", `${SEGMENT}/x`)).to.equal(true);
    });

    it("matches ARNs against ARN formats segment by segment", () => {
        const keyFormat = `arn:${NO_COLON}:kms:${NO_COLON}:${NO_COLON}:key/${SEGMENT}`;
        expect(globsIntersect("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", keyFormat)).to.equal(true);
        expect(globsIntersect("arn:aws:kms:us-east-1:111122223333:alias/data", keyFormat)).to.equal(false);
        expect(globsIntersect("arn:aws:kms:us-east-1:111122223333:key/a/b", keyFormat)).to.equal(false);
        expect(globsIntersect("arn:aws:kms:us-east-1:111122223333", keyFormat)).to.equal(false);
        expect(globsIntersect("arn:aws:kms:*", keyFormat)).to.equal(true);
        expect(globsIntersect("arn:aws:kms:us-east-?:111122223333:key/x", keyFormat)).to.equal(true);
    });
});
