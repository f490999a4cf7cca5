/**
 * Every row of the encryption-at-rest table against @pulumi/aws 7.48's own type definitions: the
 * token names a resource class, and every path the row reads is one of its inputs. A renamed input
 * fails here instead of silently disabling the row.
 */
import { expect } from "chai";
import { ENCRYPTION_AT_REST, NO_KEY_SETTING } from "../../policies/core/encryption-at-rest";
import { moduleOf, typeAt } from "./aws-definitions";

describe("aws-encryption-at-rest-cmk table against @pulumi/aws 7.48 type definitions", function () {
    this.timeout(60_000); // types/input.d.ts is 5.7 MB; parsed once

    for (const row of ENCRYPTION_AT_REST) {
        it(`${row.label}: ${row.type} ${[...row.at, row.key].join(".")}`, () => {
            expect(typeAt(row.type, [...row.at, row.key])).to.match(/\bstring\b/);
            for (const s of row.switches ?? []) {
                const type = typeAt(row.type, [...row.at, s.name]);
                // The values the row accepts as "on" must include one of the type the provider takes.
                const kind = /\bboolean\b/.test(type) ? "boolean" : "string";
                expect(s.on.some((v) => typeof v === kind), `${s.name} is a ${kind} (${type})`).to.equal(true);
            }
            if (row.onlyWhen) typeAt(row.type, row.onlyWhen.path);
        });
    }

    for (const [token, why] of Object.entries(NO_KEY_SETTING)) {
        it(`${token} has no key setting (${why})`, () => {
            const keyLike = [...moduleOf(token).args.keys()].filter((n) => /kms|encrypt/i.test(n));
            expect(keyLike, "it gained a key input: add a row to ENCRYPTION_AT_REST").to.deep.equal([]);
        });
    }

    it("catches a renamed input", () => {
        expect(() => typeAt("aws:sqs/queue:Queue", ["kmsMasterKeyArn"])).to.throw("kmsMasterKeyArn is not an input");
        expect(() => typeAt("aws:sagemaker/featureGroup:FeatureGroup", ["offlineStoreConfig", "s3StorageConfig", "kmsKey"])).to.throw("offlineStoreConfig.s3StorageConfig.kmsKey is not an input");
        expect(() => moduleOf("aws:sqs/queue:Queues")).to.throw("declares another type token");
    });
});
