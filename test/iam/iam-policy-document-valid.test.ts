import { expect } from "chai";
import { iamKmsLeastPrivilege } from "../../policies/iam/iam-kms-least-privilege";
import { iamLeastPrivilegeActions } from "../../policies/iam/iam-least-privilege-actions";
import { iamPolicyDocumentValid } from "../../policies/iam/iam-policy-document-valid";
import { iamTrustedServicePrincipals } from "../../policies/iam/iam-trusted-service-principals";
import { kmsKeyPolicy } from "../../policies/kms/kms-key-policy";
import { analyzeResource } from "../../harness/in-process";
import { expectClean, judge, UNKNOWN } from "../helpers";
import { ALIAS_ARN, allow, badDocuments, BUCKET_ARN, doc, KEY_ARN, KEY_ID } from "./documents";
import { IAM_ROLE as ROLE, IAM_ROLE_POLICY as ROLE_POLICY, KMS_KEY, VAULT_AWS_SECRET_BACKEND_ROLE as VAULT_ROLE } from "../../policies/lib/types";

const judgePolicy = (policy: unknown, type = ROLE_POLICY, property = "policy") => judge(iamPolicyDocumentValid, type, { [property]: policy }, {}, "doc");
const TRUST = doc({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } });
const KEY_POLICY = doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" });

describe("iam-policy-document-valid", () => {
    it("passes well-formed identity, trust and key policies", async () => {
        expectClean(await judgePolicy(doc(allow(["kms:Decrypt", "kms:GenerateDataKey*"], KEY_ARN), allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow("s3:ListBucket", BUCKET_ARN))));
        expectClean(await judgePolicy(TRUST, ROLE, "assumeRolePolicy"));
        expectClean(await judgePolicy(KEY_POLICY, KMS_KEY));
        expectClean(await judgePolicy(JSON.parse(KEY_POLICY), "aws:kms/keyPolicy:KeyPolicy"));
    });

    it("flags a document that is not JSON", async () => {
        const v = await judgePolicy('{"Version": "2012-10-17", "Statement": [}');
        expect(v.messages).to.have.length(1);
        expect(v.messages[0]).to.match(/^doc: policy: policy document is not valid JSON \(".+"\)\. Fix: write the policy document as valid JSON \(build it with JSON\.stringify or aws\.iam\.getPolicyDocument\)\.$/);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags documents of the wrong shape, each with one clear message", async () => {
        const expected: Record<string, string> = {
            "a number": 'doc: policy: policy document is a number, not a JSON object (42). Fix: write the policy document as a JSON object with Version and Statement.',
            "a list": 'doc: policy: policy document is a list, not a JSON object ("a list of 1"). Fix: write the policy document as a JSON object with Version and Statement.',
            "no Statement": 'doc: policy: policy document has no Statement ("Version"). Fix: add a Statement list with at least one statement.',
            "Statement of the wrong type": 'doc: policy: Statement is a string, not a statement or a list of statements ("kms:*"). Fix: set Statement to a list of statement objects.',
            "deeply nested JSON": 'doc: policy: policy document is nested deeper than any IAM document ("more than 32 levels"). Fix: write a policy document with Version and a list of Statement objects.',
            "a deeply nested object": 'doc: policy: policy document is nested deeper than any IAM document ("more than 32 levels"). Fix: write a policy document with Version and a list of Statement objects.',
        };
        for (const [what, input] of badDocuments()) {
            const v = await judgePolicy(input);
            expect(v.messages, what).to.have.length(1);
            if (expected[what]) expect(v.messages, what).to.deep.equal([expected[what]]);
            expect(v.messages[0].length, what).to.be.lessThan(400);
        }
    });

    it("flags a 1 MB document as larger than AWS accepts for a customer policy", async () => {
        const [, big] = badDocuments().find(([what]) => what === "a 1 MB document")!;
        const v = await judgePolicy(big);
        expect(v.messages).to.deep.equal([`doc: policy: policy document is larger than AWS accepts for a customer policy ("${(big as string).length} characters"). Fix: write a policy document of at most 32 KB (IAM allows 6,144 characters for a managed policy, KMS 32 KB for a key policy).`]);
    });

    it("flags an empty Statement list", async () => {
        const v = await judgePolicy(JSON.stringify({ Version: "2012-10-17", Statement: [] }));
        expect(v.messages).to.deep.equal(['doc: policy: policy document has an empty Statement list ("a list of 0"). Fix: add at least one statement.']);
    });

    it("flags a missing or old Version", async () => {
        const missing = await judgePolicy(JSON.stringify({ Statement: [allow("kms:Decrypt")] }));
        expect(missing.messages).to.deep.equal(['doc: policy: Version is not set, so IAM reads the document in the 2008 language, where policy variables are plain text (not set). Fix: set Version: "2012-10-17".']);
        const old = await judgePolicy(JSON.stringify({ Version: "2008-10-17", Statement: [allow("kms:Decrypt")] }));
        expect(old.messages).to.deep.equal(['doc: policy: Version is not 2012-10-17 ("2008-10-17"). Fix: set Version: "2012-10-17".']);
    });

    it("flags an Effect that is not Allow or Deny", async () => {
        const v = await judgePolicy(doc({ Sid: "Use", Effect: "allow", Action: "kms:Decrypt", Resource: KEY_ARN }, { Action: "kms:Decrypt", Resource: KEY_ARN }));
        expect(v.messages).to.deep.equal([
            'doc: policy statement "Use": Effect is neither Allow nor Deny ("allow"). Fix: set Effect to "Allow" or "Deny" (case-sensitive).',
            'doc: policy statement 2: has no Effect (not set). Fix: set Effect to "Allow" or "Deny" (case-sensitive).',
        ]);
    });

    it("flags a Resource that is not * or an ARN (seed 001's bare key id)", async () => {
        const v = await judgePolicy(doc(allow(["kms:Encrypt", "kms:Decrypt"], KEY_ID), allow("s3:GetObject", "arn:aws:s3:us-east-1")));
        expect(v.messages).to.deep.equal([
            `doc: policy statement 1: Resource is not an ARN ("${KEY_ID}"). Fix: use "*" or a full ARN, e.g. arn:aws:kms:us-east-1:111122223333:key/….`,
            'doc: policy statement 2: Resource does not have the six parts arn:partition:service:region:account:resource ("arn:aws:s3:us-east-1"). Fix: use "*" or a full ARN, e.g. arn:aws:kms:us-east-1:111122223333:key/….',
        ]);
    });

    it("leaves the reach open for wildcard actions, * and typos", async () => {
        // Wildcard actions reach every resource type of their service; `*` and typos leave the reach open.
        expectClean(await judgePolicy(doc(allow("s3:*", [BUCKET_ARN, `${BUCKET_ARN}/*`]), allow(["*"], KEY_ARN), allow(["s3:GetObjekt"], KEY_ARN))));
    });

    it("does not flag what AWS's own managed policies do right (real-world false positives, fixed)", async () => {
        // A renamed service answers to both prefixes (AWSProtonDeveloperAccess).
        expectClean(await judgePolicy(doc(allow("codestar-connections:PassConnection", "arn:aws:codeconnections:*:*:connection/*"))));
        // iam-data lists no resource types for some actions that AWS scopes all the same (AWSCloud9Administrator).
        expectClean(await judgePolicy(doc(allow("ssmmessages:OpenDataChannel", "arn:aws:ssm:*:*:session/*"))));
        // Resource types the data lacks within a service (ELB v2 target groups under elasticloadbalancing:AddTags).
        expectClean(await judgePolicy(doc(allow("elasticloadbalancing:AddTags", "arn:aws:elasticloadbalancing:*:*:targetgroup/app*/*"))));
    });

    it("flags elements a document's kind cannot have or must have", async () => {
        const identity = await judgePolicy(doc({ Effect: "Allow", Action: "kms:Decrypt", Principal: "*" }));
        expect(identity.messages).to.deep.equal([
            'doc: policy statement 1: has a Principal, which an identity policy cannot have (the principal is whoever holds the policy) ("Principal"). Fix: remove Principal, or move the statement to a resource or trust policy.',
            "doc: policy statement 1: has no Resource, which an identity policy needs (not set). Fix: set Resource to the ARNs the statement applies to.",
        ]);
        const trust = await judgePolicy(doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }), ROLE, "assumeRolePolicy");
        expect(trust.messages).to.deep.equal([
            'doc: assumeRolePolicy statement 1: has no Principal, which a trust policy needs (not set). Fix: name who may assume the role in Principal (e.g. {"Service": "ec2.amazonaws.com"}).',
            'doc: assumeRolePolicy statement 1: has a Resource, which a trust policy cannot have (the resource is the role itself) ("Resource"). Fix: remove Resource from the trust policy.',
        ]);
        const key = await judgePolicy(doc({ Effect: "Allow", Action: "kms:*", Principal: { AWS: "arn:aws:iam::111122223333:root" } }), KMS_KEY);
        expect(key.messages).to.deep.equal(['doc: policy statement 1: has no Resource, which a key policy needs (not set). Fix: set Resource: "*" (in a key policy it means this key).']);
    });

    it("flags wrongly typed elements and malformed actions", async () => {
        const v = await judgePolicy(doc({ Effect: "Allow", Action: ["kmsDecrypt", 7], Resource: KEY_ARN, Conditon: {} }));
        expect(v.messages).to.deep.equal([
            'doc: policy statement 1: has an element IAM does not know ("Conditon"). Fix: remove it or use one of Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition (names are case-sensitive).',
            "doc: policy statement 1: Action holds a number, not a string (7). Fix: write Action as a string or a list of strings.",
            'doc: policy statement 1: has an action that is not of the form service:action ("kmsDecrypt"). Fix: write actions as "service:Action", e.g. "kms:Decrypt".',
        ]);
    });

    it("flags a Sid used twice", async () => {
        const v = await judgePolicy(doc({ Sid: "Use", ...allow("kms:Decrypt") }, { Sid: "Use", ...allow("kms:Encrypt") }));
        expect(v.messages).to.deep.equal(['doc: policy statement 2: repeats the Sid of an earlier statement, which IAM rejects ("Use"). Fix: give each statement its own Sid.']);
    });

    it("reads no document from an empty inline policy block (the provider's way to remove them all)", async () => {
        expectClean(await judge(iamPolicyDocumentValid, ROLE, { assumeRolePolicy: TRUST, inlinePolicies: [{ name: "", policy: "" }] }));
    });

    it("judges every document of a Role and caps what one document can report", async () => {
        const many = doc(...Array.from({ length: 30 }, () => allow("kms:Decrypt", KEY_ID)));
        const v = await judge(iamPolicyDocumentValid, ROLE, { assumeRolePolicy: TRUST, inlinePolicies: [{ name: "many", policy: many }] }, {}, "r");
        expect(v.messages).to.have.length(21);
        expect(v.messages[20]).to.equal('r: inlinePolicies[0].policy: 10 more problems not shown ("30 in all"). Fix: fix the problems above and run the preview again.');
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgePolicy(UNKNOWN));
        expectClean(await judgePolicy({ Version: UNKNOWN, Statement: [allow("kms:Decrypt", UNKNOWN)] }));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [allow(["s3:GetObject", UNKNOWN], KEY_ARN), { Effect: UNKNOWN, Action: "x", Resource: "y" }] }));
        expectClean(await judgePolicy(TRUST.replace('"ec2.amazonaws.com"', JSON.stringify(UNKNOWN)), ROLE, "assumeRolePolicy"));
    });

    it("is the only IAM policy that reports an unreadable document", async () => {
        for (const [what, input] of badDocuments()) {
            expect((await judgePolicy(input)).messages, what).to.have.length(1);
            for (const other of [iamKmsLeastPrivilege, iamLeastPrivilegeActions]) expectClean(await judge(other, ROLE_POLICY, { policy: input }));
        }
    });

    it("is reported once across all five document-reading policies: unreadable documents and statements without a valid Effect", async () => {
        // The contract's reading rule: such a document is reported ONCE, by this policy; the others skip it and nothing throws.
        const readers = [iamKmsLeastPrivilege, iamLeastPrivilegeActions, iamTrustedServicePrincipals, iamPolicyDocumentValid, kmsKeyPolicy];
        const kinds: Array<[string, string, string]> = [
            [ROLE_POLICY, "policy", "identity"],
            [VAULT_ROLE, "policyDocument", "identity (Vault)"],
            [ROLE, "assumeRolePolicy", "trust"],
            [KMS_KEY, "policy", "key"],
        ];
        const noValidEffect: Array<[string, unknown]> = [
            ["lower-case Effect", doc({ Effect: "allow", Principal: "*", Action: "kms:*", Resource: "*" })],
            ["no Effect", doc({ Principal: { Service: "aiforecasts.amazonaws.com" }, Action: "s3:*", Resource: "*" })],
        ];
        for (const [type, property, kind] of kinds) {
            for (const [what, input] of [...badDocuments(), ...noValidEffect]) {
                const outcome = await analyzeResource(readers, { type, name: "doc", props: { [property]: input } }, {});
                expect(outcome.diagnostics.map((d) => d.policy), `${kind}: ${what}`).to.deep.equal(["iam-policy-document-valid"]);
            }
            const lowerCase = await analyzeResource(readers, { type, name: "doc", props: { [property]: noValidEffect[0][1] } }, {});
            expect(lowerCase.diagnostics[0].message.split("\n").slice(1).join("\n"), kind).to.equal(
                `doc: ${property} statement 1: Effect is neither Allow nor Deny ("allow"). Fix: set Effect to "Allow" or "Deny" (case-sensitive).`,
            );
        }
    });

    describe("resource types per action, dead grants and unknown actions (issue 12)", () => {
        const BUCKET_TYPES = "accesspoint (arn:aws:s3:<Region>:<Account>:accesspoint/<AccessPointName>), bucket (arn:aws:s3:::<BucketName>)";
        const OBJECT_TYPES = "accesspointobject (arn:aws:s3:<Region>:<Account>:accesspoint/<AccessPointName>/object/<ObjectName>), object (arn:aws:s3:::<BucketName>/<ObjectName>)";
        const KEY_TYPE = "key (arn:aws:kms:<Region>:<Account>:key/<KeyId>)";
        const dead = (entry: string, types: string, statement = "statement 1") =>
            `doc: policy ${statement}: names an action that none of the statement's Resources can reach, so the grant is dead ("${entry}"). Fix: give it a Resource of a type it applies to: ${types}.`;

        it("flags seed 003's s3:ListBucket on bucket/* only, next to its ignored key ARN", async () => {
            const seed003 = doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], [`${BUCKET_ARN}/*`, KEY_ARN]));
            const v = await judge(iamPolicyDocumentValid, VAULT_ROLE, { policyDocument: seed003, credentialType: "iam_user" }, {}, "ai-app-role");
            expect(v.messages).to.deep.equal([
                `ai-app-role: policyDocument statement 1: Resource matches none of the statement's actions (s3:GetObject, s3:PutObject, s3:ListBucket), so IAM ignores it ("${KEY_ARN}"). Fix: move it to a statement whose actions apply to it, or remove it.`,
                `ai-app-role: policyDocument statement 1: names an action that none of the statement's Resources can reach, so the grant is dead ("s3:ListBucket"). Fix: give it a Resource of a type it applies to: ${BUCKET_TYPES}.`,
            ]);
            expectClean(await judgePolicy(doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow("s3:ListBucket", BUCKET_ARN))));
        });

        it("flags s3:GetObject on the bucket ARN: objects are bucket/key", async () => {
            const v = await judgePolicy(doc(allow("s3:GetObject", BUCKET_ARN)));
            expect(v.messages).to.deep.equal([dead("s3:GetObject", OBJECT_TYPES)]);
            expectClean(await judgePolicy(doc(allow("s3:GetObject", `${BUCKET_ARN}/models/*`))));
            expectClean(await judgePolicy(doc(allow("s3:GetObject", "arn:aws:s3:::ai-model-*"))));
        });

        it("flags kms:Decrypt on an alias ARN: IAM authorizes it against the key", async () => {
            const v = await judgePolicy(doc(allow("kms:Decrypt", ALIAS_ARN)));
            expect(v.messages).to.deep.equal([dead("kms:Decrypt", KEY_TYPE)]);
            expectClean(await judgePolicy(doc(allow(["kms:Decrypt", "kms:CreateAlias"], [KEY_ARN, ALIAS_ARN]))));
        });

        it("flags a Resource that matches the service but none of the action's types", async () => {
            const v = await judgePolicy(doc(allow(["s3:GetObject", "s3:PutObject"], [`${BUCKET_ARN}/*`, BUCKET_ARN])));
            expect(v.messages).to.deep.equal([
                `doc: policy statement 1: Resource matches none of the statement's actions (s3:GetObject, s3:PutObject), so IAM ignores it ("${BUCKET_ARN}"). Fix: move it to a statement whose actions apply to it, or remove it.`,
            ]);
            expectClean(await judgePolicy(doc(allow(["s3:GetObject", "s3:ListBucket"], [`${BUCKET_ARN}/*`, BUCKET_ARN]))));
        });

        it("matches an action without resource types by its service: IAM authorizes it against an ARN of the service", async () => {
            expectClean(await judgePolicy(doc(allow("s3:ListAllMyBuckets", "arn:aws:s3:::*"))));
            expectClean(await judgePolicy(doc(allow("logs:DescribeLogGroups", "arn:aws:logs:*:*:log-group:*"))));
            const v = await judgePolicy(doc(allow(["s3:ListAllMyBuckets", "s3:GetObject"], [`${BUCKET_ARN}/*`, KEY_ARN])));
            expect(v.messages).to.deep.equal([
                `doc: policy statement 1: Resource matches none of the statement's actions (s3:ListAllMyBuckets, s3:GetObject), so IAM ignores it ("${KEY_ARN}"). Fix: move it to a statement whose actions apply to it, or remove it.`,
            ]);
        });

        it("matches DynamoDB tables and indexes by their own types, and other services by service", async () => {
            const table = "arn:aws:dynamodb:us-east-1:111122223333:table/features";
            const v = await judgePolicy(doc(allow("dynamodb:PutItem", `${table}/index/*`)));
            expect(v.messages).to.deep.equal([dead("dynamodb:PutItem", "table (arn:aws:dynamodb:<Region>:<Account>:table/<TableName>)")]);
            expectClean(await judgePolicy(doc(allow(["dynamodb:Query"], [table, `${table}/index/*`]))));
            // Outside the typed services only the service is compared: a queue ARN under SQS actions passes whatever its form.
            expectClean(await judgePolicy(doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs/odd"))));
        });

        it("flags an action that is not in the catalog at all, even without a close suggestion", async () => {
            const v = await judgePolicy(doc(allow(["s3:HeadBucket", "s3:ListBucket"], BUCKET_ARN), allow("sagemaker:FrobnicateModelWeights", "*")));
            expect(v.messages).to.deep.equal([
                'doc: policy statement 1: names an action IAM does not have, so it grants nothing ("s3:HeadBucket"). Fix: use s3:ListBucket: s3:HeadBucket is an API call that IAM authorizes with it.',
                'doc: policy statement 2: names an action IAM does not have, so it grants nothing ("sagemaker:FrobnicateModelWeights"). Fix: use an action of sagemaker from the AWS Service Authorization Reference (API calls are often authorized by another action); if AWS added it after keyguard\'s catalog was built, update keyguard or exempt this resource.',
            ]);
            // A service with no near miss is retired or newer than the catalog: not flagged.
            expectClean(await judgePolicy(doc(allow("deepracer:ListModels", "*"))));
            // A near miss is iam-least-privilege-actions' finding in identity documents (with its suggestion), not this policy's.
            expectClean(await judgePolicy(doc(allow("kms:Decrpyt", KEY_ARN))));
            expectClean(await judgePolicy(doc(allow("s3:ListBucket", BUCKET_ARN))));
        });

        it("flags near misses in key and trust policies, which only this policy reads for actions", async () => {
            const v = await judgePolicy(doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: ["kms:*", "kms:Decrpyt"], Resource: "*" }), KMS_KEY);
            expect(v.messages).to.deep.equal(['doc: policy statement "Root": names an action IAM does not have, so it grants nothing ("kms:Decrpyt"). Fix: use kms:Decrypt (did you mean it?).']);
            expectClean(await judgePolicy(KEY_POLICY, KMS_KEY));
        });
    });
});
