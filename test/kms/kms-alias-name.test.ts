import { kmsAliasName } from "../../policies/kms/kms-alias-name";
import { KMS_ALIAS } from "../../policies/lib/types";
import { huge } from "../helpers";
import { UNKNOWN, secretWire, testPolicy } from "../lib/policy-tester";

const name = "aiPipelineKeyAlias";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const MRK_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";
const FIX = 'Fix: set name: "alias/<team>-<purpose>".';
const PREFIX_FIX = 'Fix: set namePrefix: "alias/<team>-<purpose>"';
const PATTERN = "alias/ai-[a-z-]+";
/** An invalid pattern is a config problem, in the regex engine's (V8's) own words. */
const BAD_PATTERN =
    'kms-alias-name: config pattern must be a valid regular expression (Invalid regular expression: /alias/(/: Unterminated group) (got "alias/("); ignoring it. Fix: correct it in the policy pack config.';
const repeatsKeyId = (field: "name" | "namePrefix", value: string) =>
    `${name}: alias ${field} only repeats a key id, so it says nothing about the key (${JSON.stringify(value)}). Fix: set ${field}: "alias/<team>-<purpose>", naming what the key protects.`;
const reserved = (field: "name" | "namePrefix", value: string) =>
    `${name}: alias ${field} is under "alias/aws/", which AWS reserves for its managed keys (${JSON.stringify(value)}). Fix: set ${field}: "alias/<team>-<purpose>".`;
const mismatch = (field: "name" | "namePrefix", value: string) =>
    `${name}: alias ${field} does not match the naming pattern ${PATTERN} (${JSON.stringify(value)}). Fix: rename it so that the whole name matches ${PATTERN}.`;
const LONG = `alias/${"a".repeat(251)}`;
const JUST_SHORT_ENOUGH = `alias/${"a".repeat(250)}`;

testPolicy(kmsAliasName, {
    type: KMS_ALIAS,
    valid: [
        { title: "a descriptive name", props: { name: "alias/ai-pipeline/training-data_v2", targetKeyId: KEY_ID } },
        { title: "a descriptive namePrefix", props: { namePrefix: "alias/ai-pipeline-" } },
        { title: "an alias the provider names", props: { targetKeyId: "k" } },
        { title: "alias/awsome-… is not the reserved prefix", props: { name: "alias/awsome-training-data" } },
        { title: "a name of exactly 256 characters", props: { name: JUST_SHORT_ENOUGH } },
        { title: "a namePrefix of just alias/ (the provider appends the rest)", props: { namePrefix: "alias/" } },
        { title: "a name matching the configured pattern", props: { name: "alias/ai-training" }, config: { pattern: PATTERN } },
        { title: "a namePrefix whose names (prefix + 26 digits) match the pattern", props: { namePrefix: "alias/ai-" }, config: { pattern: "alias/ai-[a-z0-9-]+" } },
        { title: "null name and namePrefix are absent", props: { name: null, namePrefix: null } },
        { title: "a namePrefix of exactly 256 characters", props: { namePrefix: JUST_SHORT_ENOUGH } },
    ],
    invalid: [
        { title: "seed 000: the alias only repeats the key id", name, props: { name: `alias/${KEY_ID}` }, messages: [repeatsKeyId("name", `alias/${KEY_ID}`)], codes: ["repeats-key-id"] },
        { title: "the alias repeats a multi-Region key id", name, props: { name: `alias/${MRK_ID}` }, messages: [repeatsKeyId("name", `alias/${MRK_ID}`)], codes: ["repeats-key-id"] },
        { name, props: { name: "ai-pipeline" }, messages: [`${name}: alias name does not start with "alias/", which AWS requires ("ai-pipeline"). ${FIX}`], codes: ["missing-prefix"] },
        { name, props: { name: "alias/aws/ai-pipeline" }, messages: [reserved("name", "alias/aws/ai-pipeline")], codes: ["reserved-prefix"] },
        { title: "the reserved prefix in upper case", name, props: { name: "alias/AWS/ai-pipeline" }, messages: [reserved("name", "alias/AWS/ai-pipeline")], codes: ["reserved-prefix"] },
        { title: "the reserved prefix in mixed case", name, props: { name: "alias/Aws/ai-pipeline" }, messages: [reserved("name", "alias/Aws/ai-pipeline")], codes: ["reserved-prefix"] },
        { title: "a namePrefix under the reserved prefix in upper case", name, props: { namePrefix: "alias/AWS/" }, messages: [reserved("namePrefix", "alias/AWS/")], codes: ["reserved-prefix"] },
        { name, props: { name: "alias/" }, messages: [`${name}: alias name has nothing after "alias/" ("alias/"). ${FIX}`], codes: ["empty-name"] },
        {
            title: "characters AWS rejects",
            name,
            props: { name: "alias/ai pipeline:key" },
            messages: [`${name}: alias name has characters other than letters, digits, "/", "_" and "-" ("alias/ai pipeline:key"). Fix: set name: "alias/<team>-<purpose>", using only those characters.`],
            codes: ["invalid-characters"],
        },
        {
            title: "a name longer than 256 characters",
            name,
            props: { name: LONG },
            messages: [`${name}: alias name is longer than 256 characters ("alias/${"a".repeat(152)}…). Fix: shorten name to at most 256 characters.`],
            codes: ["too-long"],
        },
        {
            title: "namePrefix is judged by the same rules",
            name,
            props: { namePrefix: "aws/ai-" },
            messages: [`${name}: alias namePrefix does not start with "alias/", which AWS requires ("aws/ai-"). ${PREFIX_FIX}.`],
            codes: ["missing-prefix"],
        },
        {
            title: "a name outside the configured pattern",
            name,
            props: { name: "alias/ml-training" },
            config: { pattern: PATTERN },
            messages: [mismatch("name", "alias/ml-training")],
            codes: ["pattern-mismatch"],
        },
        {
            title: "the pattern is anchored: a match inside the name is not enough",
            name,
            props: { name: "alias/x/alias/ai-training" },
            config: { pattern: PATTERN },
            messages: [mismatch("name", "alias/x/alias/ai-training")],
            codes: ["pattern-mismatch"],
        },
        {
            title: "a namePrefix is judged with the provider's 26-digit suffix",
            name,
            props: { namePrefix: "alias/ai-" },
            config: { pattern: PATTERN },
            messages: [mismatch("namePrefix", "alias/ai-")],
            codes: ["pattern-mismatch"],
        },
        {
            title: "an invalid pattern is a config problem, and the name is still judged (without it)",
            name,
            props: { name: `alias/${KEY_ID}` },
            config: { pattern: "alias/(" },
            messages: [BAD_PATTERN, repeatsKeyId("name", `alias/${KEY_ID}`)],
            codes: ["repeats-key-id"],
        },
        {
            title: "a secret-wrapped name reads like a plain one",
            name,
            props: { name: secretWire("ai-pipeline") },
            messages: [`${name}: alias name does not start with "alias/", which AWS requires ("ai-pipeline"). ${FIX}`],
            codes: ["missing-prefix"],
        },
        { title: "a number", name, props: { name: 42 }, messages: [`${name}: alias name is not a string (42). ${FIX}`], codes: ["not-a-string"] },
        { title: "a nested object", name, props: { name: { nested: { deeper: ["alias/x"] } } }, messages: [`${name}: alias name is not a string ({"nested":{"deeper":["alias/x"]}}). ${FIX}`], codes: ["not-a-string"] },
        {
            title: "a 5 MB name under a backtracking pattern: two short messages, the pattern never run",
            name,
            props: { name: huge() },
            config: { pattern: "(x+x+)+y" },
            messages: [
                `${name}: alias name does not start with "alias/", which AWS requires ("${"x".repeat(158)}…). ${FIX}`,
                `${name}: alias name is longer than 256 characters ("${"x".repeat(158)}…). Fix: shorten name to at most 256 characters.`,
            ],
            codes: ["missing-prefix", "too-long"],
        },
        { title: "a namePrefix under alias/aws/", name, props: { namePrefix: "alias/aws/" }, messages: [reserved("namePrefix", "alias/aws/")], codes: ["reserved-prefix"] },
        {
            title: "a namePrefix with characters AWS rejects",
            name,
            props: { namePrefix: "alias/ai data-" },
            messages: [`${name}: alias namePrefix has characters other than letters, digits, "/", "_" and "-" ("alias/ai data-"). ${PREFIX_FIX}, using only those characters.`],
            codes: ["invalid-characters"],
        },
        { title: "a namePrefix that repeats a key id", name, props: { namePrefix: `alias/${KEY_ID}` }, messages: [repeatsKeyId("namePrefix", `alias/${KEY_ID}`)], codes: ["repeats-key-id"] },
        { title: "a namePrefix that repeats a multi-Region key id", name, props: { namePrefix: `alias/${MRK_ID}` }, messages: [repeatsKeyId("namePrefix", `alias/${MRK_ID}`)], codes: ["repeats-key-id"] },
        {
            title: "a namePrefix longer than 256 characters",
            name,
            props: { namePrefix: LONG },
            messages: [`${name}: alias namePrefix is longer than 256 characters (${JSON.stringify(LONG).slice(0, 159)}…). Fix: shorten namePrefix to at most 256 characters.`],
            codes: ["too-long"],
        },
    ],
    preview: [
        { title: "alias/${key.id} in preview", props: { name: UNKNOWN, targetKeyId: UNKNOWN } },
        { title: "a computed namePrefix under a pattern", props: { namePrefix: UNKNOWN }, config: { pattern: "alias/ai-.*" } },
    ],
    config: [{ config: { pattern: "alias/(" }, props: { name: "alias/ai-training" }, errors: [BAD_PATTERN] }],
});
