/**
 * KMS facts: key specs, key usages and key-id shapes. Pure data and functions, no Pulumi.
 * Source: AWS KMS Developer Guide, "Key spec reference" and "CreateKey".
 */
import type { Finding } from "./finding";
import { trimTrailing } from "./text";
import { isUnknown } from "./wire";

export type KeyUsage = "ENCRYPT_DECRYPT" | "SIGN_VERIFY" | "GENERATE_VERIFY_MAC" | "KEY_AGREEMENT";

export interface KeySpecInfo {
    family: "symmetric" | "rsa" | "ecc" | "hmac" | "sm2" | "ml-dsa";
    usages: readonly KeyUsage[];
}

export const KEY_SPECS: Readonly<Record<string, KeySpecInfo>> = {
    SYMMETRIC_DEFAULT: { family: "symmetric", usages: ["ENCRYPT_DECRYPT"] },
    RSA_2048: { family: "rsa", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] },
    RSA_3072: { family: "rsa", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] },
    RSA_4096: { family: "rsa", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] },
    ECC_NIST_P256: { family: "ecc", usages: ["SIGN_VERIFY", "KEY_AGREEMENT"] },
    ECC_NIST_P384: { family: "ecc", usages: ["SIGN_VERIFY", "KEY_AGREEMENT"] },
    ECC_NIST_P521: { family: "ecc", usages: ["SIGN_VERIFY", "KEY_AGREEMENT"] },
    ECC_SECG_P256K1: { family: "ecc", usages: ["SIGN_VERIFY"] },
    HMAC_224: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    HMAC_256: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    HMAC_384: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    HMAC_512: { family: "hmac", usages: ["GENERATE_VERIFY_MAC"] },
    SM2: { family: "sm2", usages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"] },
    ML_DSA_44: { family: "ml-dsa", usages: ["SIGN_VERIFY"] },
    ML_DSA_65: { family: "ml-dsa", usages: ["SIGN_VERIFY"] },
    ML_DSA_87: { family: "ml-dsa", usages: ["SIGN_VERIFY"] },
};

export const KEY_USAGES: readonly KeyUsage[] = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"];

/** AWS's defaults when a key omits them. */
export const DEFAULT_KEY_SPEC = "SYMMETRIC_DEFAULT";
export const DEFAULT_KEY_USAGE: KeyUsage = "ENCRYPT_DECRYPT";

/** AWS bounds on a custom rotation period (days). */
export const ROTATION_PERIOD_BOUNDS = { min: 90, max: 2560 } as const;

/** Only symmetric encryption keys in AWS-managed key material support automatic rotation. */
function supportsAutomaticRotation(keySpec: unknown, keyUsage: unknown): boolean {
    return keySpec === "SYMMETRIC_DEFAULT" && keyUsage === "ENCRYPT_DECRYPT";
}

/** Why automatic rotation does not apply to a key of this shape, or undefined when it does. */
export function rotationNotApplicable(key: { spec: unknown; usage: unknown; customKeyStore: boolean }): string | undefined {
    if (!supportsAutomaticRotation(key.spec, key.usage)) return "automatic rotation applies only to SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys";
    if (key.customKeyStore) return "keys in a custom key store cannot rotate automatically";
    return undefined;
}

/**
 * kms-key-rotation's rule, on a key automatic rotation applies to: rotation on, and a custom period
 * inside the window. Values as read: undefined when absent, the unknown sentinel when computed (skipped).
 */
export function rotationFindings(enableKeyRotation: unknown, rotationPeriodInDays: unknown, window: { min: number; max: number }): Finding[] {
    const findings: Finding[] = [];
    if (!isUnknown(enableKeyRotation) && enableKeyRotation !== true) {
        findings.push({ code: "rotation-off", problem: "automatic key rotation is off", value: enableKeyRotation, fix: "set enableKeyRotation: true" });
    }
    if (rotationPeriodInDays !== undefined && !isUnknown(rotationPeriodInDays)) {
        const problem = rotationPeriodProblem(rotationPeriodInDays, window.min, window.max);
        if (problem) findings.push({ code: "rotation-period", problem, value: rotationPeriodInDays, fix: `set rotationPeriodInDays between ${window.min} and ${window.max}` });
    }
    return findings;
}

/** Judges a rotation period against the configured window; returns the problem, if any. */
function rotationPeriodProblem(days: unknown, min: number, max: number): string | undefined {
    if (typeof days !== "number" || !Number.isInteger(days)) return "rotationPeriodInDays is not a whole number of days";
    if (days < min) return `rotationPeriodInDays is shorter than the allowed ${min} days`;
    if (days > max) return `rotationPeriodInDays is longer than the allowed ${max} days`;
    return undefined;
}

const ALIAS_PREFIX = "alias/";
/** Aliases under this prefix belong to AWS managed keys; customers can neither create nor control them. */
const AWS_MANAGED_ALIAS_PREFIX = "alias/aws/";
const ALIAS_MAX_LENGTH = 256;
const ALIAS_CHARS = /^[A-Za-z0-9/_-]*$/;

/** A key id: a UUID, or a multi-Region key id `mrk-` followed by 32 hex digits. */
const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(.+)$/;
const ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(alias\/.+)$/;

export function isKeyId(value: unknown): boolean {
    return typeof value === "string" && KEY_ID.test(value);
}

/** What a KMS key reference names, by its shape: how services accept `kmsKeyId` (id, ARN, alias, alias ARN). */
export type KeyReference = { kind: "key"; id: string } | { kind: "alias"; alias: string };

export function parseKeyReference(value: unknown): KeyReference | undefined {
    if (typeof value !== "string" || value.length > 2048) return undefined;
    if (KEY_ID.test(value)) return { kind: "key", id: value };
    const keyArn = KEY_ARN.exec(value);
    if (keyArn) return KEY_ID.test(keyArn[1]) ? { kind: "key", id: keyArn[1] } : undefined;
    const aliasArn = ALIAS_ARN.exec(value);
    if (aliasArn) return { kind: "alias", alias: aliasArn[1] };
    if (value.startsWith(ALIAS_PREFIX) && value.length > ALIAS_PREFIX.length) return { kind: "alias", alias: value };
    return undefined;
}

/** True when the reference points at an AWS managed key by its alias (`alias/aws/…`, or that alias's ARN). */
export function isAwsManagedKeyReference(ref: KeyReference | undefined): boolean {
    return ref?.kind === "alias" && ref.alias.startsWith(AWS_MANAGED_ALIAS_PREFIX);
}

/**
 * Whether a key reference as written (`kmsKeyId`, `kmsMasterKeyId`, …) names an AWS managed key.
 * Only a well-formed reference names anything: `arn:aws:kms:::alias/aws/s3` has no region and no
 * account, so KMS rejects it; it is not a reference (see parseKeyReference), not an AWS managed key.
 */
export function isAwsManagedKeyRef(value: unknown): boolean {
    return isAwsManagedKeyReference(parseKeyReference(value));
}

const ALIAS_EXAMPLE = '"alias/<team>-<purpose>"';

/** The alias's name fields as read: undefined when absent (the provider names it), the unknown sentinel when computed. */
export interface AliasNames {
    name: unknown;
    namePrefix: unknown;
}

/**
 * kms-alias-name's rule: each of name and namePrefix (a prefix starts the name) that is set is
 * judged against AWS's rules and the org's `pattern`. An absent field is the provider's to name;
 * a computed one (`alias/${key.id}` in preview) is judged once it is known.
 */
export function aliasNameFindings(names: AliasNames, pattern?: string): Finding[] {
    const findings: Finding[] = [];
    for (const field of ["name", "namePrefix"] as const) {
        const name = names[field];
        if (name === undefined || name === null || isUnknown(name)) continue;
        findings.push(...fieldFindings(name, field, pattern));
    }
    return findings;
}

/** Judges one name field; `field` is the property the name came from, for the messages and the fix. */
function fieldFindings(name: unknown, field: "name" | "namePrefix", pattern: string | undefined): Finding[] {
    const example = `set ${field}: ${ALIAS_EXAMPLE}`;
    const finding = (code: string, problem: string, fix = example): Finding => ({ code, problem, value: name, fix });
    if (typeof name !== "string") return [finding("not-a-string", `alias ${field} is not a string`)];
    const findings: Finding[] = [];
    if (!name.startsWith(ALIAS_PREFIX)) {
        findings.push(finding("missing-prefix", `alias ${field} does not start with "alias/", which AWS requires`));
    } else if (name.slice(0, AWS_MANAGED_ALIAS_PREFIX.length).toLowerCase() === AWS_MANAGED_ALIAS_PREFIX) {
        // AWS reserves the prefix in any letter case: CreateAlias rejects alias/AWS/… too.
        findings.push(finding("reserved-prefix", `alias ${field} is under "alias/aws/", which AWS reserves for its managed keys`));
    } else if (field === "name" && name.length === ALIAS_PREFIX.length) {
        findings.push(finding("empty-name", 'alias name has nothing after "alias/"'));
    } else if (isKeyId(name.slice(ALIAS_PREFIX.length))) {
        findings.push(finding("repeats-key-id", `alias ${field} only repeats a key id, so it says nothing about the key`, `${example}, naming what the key protects`));
    }
    if (!ALIAS_CHARS.test(name)) {
        findings.push(finding("invalid-characters", `alias ${field} has characters other than letters, digits, "/", "_" and "-"`, `${example}, using only those characters`));
    }
    if (name.length > ALIAS_MAX_LENGTH) {
        findings.push(finding("too-long", `alias ${field} is longer than ${ALIAS_MAX_LENGTH} characters`, `shorten ${field} to at most ${ALIAS_MAX_LENGTH} characters`));
    } else if (pattern !== undefined && !matchesWhole(pattern, field === "name" ? name : name + PREFIX_SUFFIX_SAMPLE)) {
        // A prefix is judged by a name it can produce: the provider appends a 26-character unique suffix.
        findings.push(finding("pattern-mismatch", `alias ${field} does not match the naming pattern ${pattern}`, `rename it so that the whole name matches ${pattern}`));
    }
    return findings;
}

/** What the provider appends to a namePrefix: a timestamp and counter, 26 digits. */
const PREFIX_SUFFIX_SAMPLE = "20260101000000000000000001";

/**
 * The org's naming convention applies to the whole name, so the pattern is anchored. An invalid
 * pattern matches everything: the config check reports it, and a name is not blamed for it.
 */
function matchesWhole(pattern: string, name: string): boolean {
    try {
        return new RegExp(`^(?:${pattern})$`).test(name);
    } catch {
        return true;
    }
}

function setOneOf(field: string, allowed: readonly string[], knob: string): string {
    if (allowed.length === 0) return `allow a value in ${knob}`;
    if (allowed.length === 1) return `set ${field}: "${allowed[0]}"`;
    return `set ${field} to one of ${allowed.join(", ")}`;
}

/** A key as kms-key-usage judges it: each part undefined while it is computed (preview). */
export interface KeyKind {
    spec: unknown;
    usage: unknown;
    /** The property the spec came from, as messages name it. */
    specField: string;
    /** `isEnabled` as read: undefined when absent or computed. */
    isEnabled: unknown;
}

/**
 * kms-key-usage's rule: the key is enabled, and its spec and usage are allowed and a pair AWS
 * accepts. A computed part is skipped; the other is still judged against its list (the pairing waits).
 */
export function keyUsageFindings(key: KeyKind, allowedSpecs: readonly string[], allowedUsages: readonly string[]): Finding[] {
    const findings: Finding[] = [];
    if (key.isEnabled !== undefined && key.isEnabled !== true) {
        const problem = key.isEnabled === false ? "key is disabled" : "isEnabled is not true or false";
        findings.push({ code: "disabled", problem, value: key.isEnabled, fix: "set isEnabled: true, or remove the key" });
    }
    for (const { field, kind } of keySpecUsageProblems(key.spec, key.usage, allowedSpecs, allowedUsages)) {
        if ((field === "spec" ? key.spec : key.usage) === undefined) continue;
        if (kind === "mismatch") {
            const usages = KEY_SPECS[key.spec as string].usages;
            findings.push({ code: "usage-mismatch", problem: `keyUsage ${String(key.usage)} is not one AWS accepts for ${String(key.spec)} keys`, value: key.usage, fix: setOneOf("keyUsage", usages, "allowedKeyUsages") });
            continue;
        }
        const [label, value, knob, allowed, noun] =
            field === "spec" ? [key.specField, key.spec, "allowedKeySpecs", allowedSpecs, "key spec"] : ["keyUsage", key.usage, "allowedKeyUsages", allowedUsages, "key usage"];
        const fix = setOneOf(label, allowed, knob);
        if (kind === "unrecognized") findings.push({ code: `unrecognized-${field}`, problem: `${label} is not a KMS ${noun}`, value, fix: `check the spelling; ${fix}` });
        else findings.push({ code: `disallowed-${field}`, problem: `${label} is not an allowed ${noun}`, value, fix: `${fix}, or add ${String(value)} to ${knob}` });
    }
    return findings;
}

interface SpecProblem {
    field: "spec" | "usage";
    /** unrecognized: not a name AWS knows (a typo); disallowed: not in the allowed list; mismatch: AWS rejects the pair. */
    kind: "unrecognized" | "disallowed" | "mismatch";
}

/** Judges a key's spec and usage against AWS's tables and the allowed lists. */
function keySpecUsageProblems(spec: unknown, usage: unknown, allowedSpecs: readonly string[], allowedUsages: readonly string[]): SpecProblem[] {
    const problems: SpecProblem[] = [];
    const specInfo = typeof spec === "string" && Object.prototype.hasOwnProperty.call(KEY_SPECS, spec) ? KEY_SPECS[spec] : undefined;
    const usageKnown = typeof usage === "string" && (KEY_USAGES as readonly string[]).includes(usage);
    if (!specInfo) problems.push({ field: "spec", kind: "unrecognized" });
    else if (!allowedSpecs.includes(spec as string)) problems.push({ field: "spec", kind: "disallowed" });
    if (!usageKnown) problems.push({ field: "usage", kind: "unrecognized" });
    else if (!allowedUsages.includes(usage)) problems.push({ field: "usage", kind: "disallowed" });
    // Only when both are otherwise fine: a disallowed spec or usage already says what to change.
    if (problems.length === 0 && specInfo && !specInfo.usages.includes(usage as KeyUsage)) problems.push({ field: "usage", kind: "mismatch" });
    return problems;
}

/** AWS's bounds for the waiting period before a key is deleted (days). */
export const DELETION_WINDOW_BOUNDS = { min: 7, max: 30 } as const;

/**
 * kms-key-deletion-window's rule: a window AWS accepts, and at least `minDays`. Absent is AWS's 30
 * days and computed is judged later: both give no finding. The fix (and the remediation) is `minDays`.
 */
export function deletionWindowFindings(days: unknown, minDays: number): Finding[] {
    if (days === undefined || days === null || isUnknown(days)) return [];
    const { min, max } = DELETION_WINDOW_BOUNDS;
    const finding = (code: string, problem: string): Finding[] => [{ code, problem, value: days, fix: `set deletionWindowInDays: ${minDays}` }];
    if (typeof days !== "number" || !Number.isInteger(days) || days < min || days > max) return finding("out-of-range", `deletionWindowInDays is not a whole number of days from ${min} to ${max}`);
    if (days < minDays) return finding("too-short", `deletionWindowInDays is shorter than the required ${minDays} days`);
    return [];
}

/** Descriptions that say nothing beyond "this is a key". Compared after trimming, lower-cased, with inner spaces collapsed. */
const PLACEHOLDER_DESCRIPTIONS: ReadonlySet<string> = new Set([
    "testing", "test key", "changeme", "change me", "placeholder", "description", "my key", "kms key", "my kms key",
    "new key", "the key", "encryption key", "kms encryption key", "customer managed key", "default", "default key",
    "example", "example key", "sample", "sample key", "foobar",
]);
const MIN_DESCRIPTION_LENGTH = 6;
/** CreateKey rejects longer descriptions. */
const MAX_DESCRIPTION_LENGTH = 8192;

const DESCRIPTION_FIX = 'set description: "<what the key protects and who uses it>"';

/**
 * kms-key-description's rule: a description that says something. `description` as read: undefined
 * when absent (a finding: the key has none), the unknown sentinel when computed (judged later).
 */
export function descriptionFindings(description: unknown): Finding[] {
    if (isUnknown(description)) return [];
    const value = description ?? undefined;
    const finding = (code: string, problem: string): Finding[] => [{ code, problem, value, fix: DESCRIPTION_FIX }];
    if (value === undefined) return finding("missing", "key has no description");
    if (typeof value !== "string") return finding("not-text", "description is not text");
    const text = value.trim();
    if (text.length < MIN_DESCRIPTION_LENGTH) return finding("too-short", `description is shorter than ${MIN_DESCRIPTION_LENGTH} characters`);
    if (value.length > MAX_DESCRIPTION_LENGTH) return finding("too-long", `description is longer than AWS's ${MAX_DESCRIPTION_LENGTH}-character limit`);
    const normalized = trimTrailing(text.toLowerCase().replace(/\s+/g, " "), ".!");
    if (PLACEHOLDER_DESCRIPTIONS.has(normalized)) return finding("placeholder", "description is a placeholder");
    return [];
}
