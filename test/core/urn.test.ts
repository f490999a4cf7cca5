import { expect } from "chai";
import { nameOfUrn } from "../../policies/core/urn";

describe("core/urn: the one URN-name parser", () => {
    it("takes everything after the third ::, as the engine's URN.Name() does", () => {
        expect(nameOfUrn("urn:pulumi:dev::proj::aws:kms/key:Key::aiKey")).to.equal("aiKey");
        expect(nameOfUrn("urn:pulumi:dev::proj::aws:kms/key:Key::team::key")).to.equal("team::key");
        expect(nameOfUrn("urn:pulumi:dev::proj::my:comp:Comp$aws:kms/key:Key::x")).to.equal("x");
    });

    it("gives back what is not a URN", () => {
        expect(nameOfUrn("not-a-urn")).to.equal("not-a-urn");
        expect(nameOfUrn("a::b::c")).to.equal("a::b::c");
    });
});
