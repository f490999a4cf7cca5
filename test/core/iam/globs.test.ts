/**
 * globsIntersect's segment-wise path (no `*` or `?` on either side) against the whole-string table
 * it shortcuts: they must agree on every pair, including colons, slashes and every wildcard kind.
 */
import { expect } from "chai";
import { NO_COLON, SEGMENT, globsIntersect, globsIntersectWhole } from "../../../policies/core/iam/arn";

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
            expect(globsIntersect(a, b), `${show(a)} ∩ ${show(b)}`).to.equal(globsIntersectWhole(a, b));
        }
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
