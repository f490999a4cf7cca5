/**
 * A KMS key's spec and usage as the key's props state them, with AWS's defaults for what is
 * absent: the one reader of them, for every policy that needs to know what kind of key it is.
 */
import { DEFAULT_KEY_SPEC, DEFAULT_KEY_USAGE } from "../core/kms";
import { Path, Reading } from "./read";

export interface KeyShape {
    /** `customerMasterKeySpec` (deprecated name) or `keySpec`, else SYMMETRIC_DEFAULT. */
    spec: unknown;
    /** `keyUsage`, else ENCRYPT_DECRYPT. */
    usage: unknown;
    /** True when the key lives in a custom key store (CloudHSM or external). */
    customKeyStore: boolean;
}

/** Each part of the shape, undefined while that part is unknown (preview). */
export interface KeyParts {
    spec: unknown;
    usage: unknown;
    customKeyStore: boolean | undefined;
    /** The property the spec came from, as messages name it. */
    specField: "customerMasterKeySpec" | "keySpec";
}

/**
 * The key's parts: the deprecated `customerMasterKeySpec` wins when it is set (known or computed),
 * else `keySpec`; an absent part is AWS's default, an unknown one undefined.
 */
export function keyParts(read: (...path: Path) => Reading): KeyParts {
    const legacySpec = read("customerMasterKeySpec");
    const specField = legacySpec.state === "absent" ? "keySpec" : "customerMasterKeySpec";
    const part = (r: Reading, absent: unknown) => (r.state === "known" ? r.value : r.state === "absent" ? absent : undefined);
    const store = read("customKeyStoreId");
    return {
        spec: part(specField === "keySpec" ? read("keySpec") : legacySpec, DEFAULT_KEY_SPEC),
        usage: part(read("keyUsage"), DEFAULT_KEY_USAGE),
        customKeyStore: store.state === "unknown" ? undefined : store.state === "known" && store.value !== "",
        specField,
    };
}

/** The key's shape, or undefined while any part of it is unknown (preview). */
export function keyShape(read: (...path: Path) => Reading): KeyShape | undefined {
    const { spec, usage, customKeyStore } = keyParts(read);
    if (spec === undefined || usage === undefined || customKeyStore === undefined) return undefined;
    return { spec, usage, customKeyStore };
}
