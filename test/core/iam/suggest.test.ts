/** Did-you-mean (policies/core/iam/suggest.ts): the edit distance, how far a suggestion may be, and hostile input. */
import { expect } from "chai";
import { closest, editDistance } from "../../../policies/core/iam/suggest";

describe("core/iam/suggest", () => {
    describe("editDistance", () => {
        it("counts substitutions, insertions, deletions, and a swap of neighbours as one edit", () => {
            expect(editDistance("decrypt", "decrypt")).to.equal(0);
            expect(editDistance("decrypt", "decrypr"), "substitution").to.equal(1);
            expect(editDistance("decrypt", "decryppt"), "insertion").to.equal(1);
            expect(editDistance("decrypt", "decryt"), "deletion").to.equal(1);
            expect(editDistance("decrpyt", "decrypt"), "transposition").to.equal(1);
            expect(editDistance("kitten", "sitting")).to.equal(3);
            expect(editDistance("", "kms")).to.equal(3);
            expect(editDistance("kms", "")).to.equal(3);
        });

        it("stops early past the limit, answering limit + 1", () => {
            expect(editDistance("abcdef", "uvwxyz", 2)).to.equal(3);
            expect(editDistance("a", "abcdefgh", 2), "lengths alone exceed the limit").to.equal(3);
            expect(editDistance("decrpyt", "decrypt", 1), "within the limit the distance is exact").to.equal(1);
        });
    });

    describe("closest", () => {
        it("suggests the nearest candidate, case-insensitively, as the candidate is spelled", () => {
            expect(closest("Decrytp", ["Encrypt", "Decrypt"])).to.equal("Decrypt");
            expect(closest("DECRPYT", ["Encrypt", "Decrypt"])).to.equal("Decrypt");
            expect(closest("decrypt", ["Decrypt"]), "a different letter case is distance 0").to.equal("Decrypt");
            expect(closest("GetObjekt", ["GetObject", "GetObjectAcl", "PutObject"]), "the nearest of several").to.equal("GetObject");
        });

        it("allows no edit for words of two letters, one up to five, two beyond", () => {
            expect(closest("s4", ["s3", "sqs"]), "s4 is not s3").to.equal(undefined);
            expect(closest("s3", ["s3"])).to.equal("s3");
            expect(closest("kmss", ["kms"]), "four letters: one edit").to.equal("kms");
            expect(closest("kmsxx", ["kms"]), "five letters: two edits are too many").to.equal(undefined);
            expect(closest("Dcrpyt", ["Decrypt"]), "six letters: two edits").to.equal("Decrypt");
            expect(closest("Dcrpytt", ["Decrypt"]), "three edits are too many").to.equal(undefined);
        });

        it("suggests nothing when nothing is close, or there is nothing to choose from", () => {
            expect(closest("Frobnicate", ["Encrypt", "Decrypt"])).to.equal(undefined);
            expect(closest("Decrypt", [])).to.equal(undefined);
            expect(closest("", ["a", "ab"]), "the empty word allows no edit").to.equal(undefined);
        });

        it("reads any iterable of candidates: a Set as well as a list", () => {
            expect(closest("lambda", new Set(["lambda", "sqs"]))).to.equal("lambda");
        });

        it("never throws on hostile input: wrong types, a huge word, a huge or odd candidate list", () => {
            for (const word of [undefined, null, 42, {}, [], Symbol("s")]) expect(closest(word as unknown as string, ["kms"]), String(typeof word)).to.equal(undefined);
            for (const candidates of [undefined, null, 42, "kms"]) expect(closest("kms", candidates as unknown as string[]), String(candidates)).to.equal(undefined);
            expect(closest("kms", [42, null, {}, "kms"] as unknown as string[]), "non-string candidates are skipped").to.equal("kms");
            expect(closest("x".repeat(1_000_000), ["kms", "x".repeat(999_999)]), "a huge word costs no quadratic table").to.equal(undefined);
            const many = Array.from({ length: 100_000 }, (_, i) => `service${i}`);
            expect(closest("service4242x", many)).to.equal("service4242");
        });
    });
});
