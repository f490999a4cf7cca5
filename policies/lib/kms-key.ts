/**
 * A KMS key's spec and usage as the key's props state them, with AWS's defaults for what is
 * absent. Used by every policy that needs to know what kind of key it is looking at.
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

/** The key's shape, or undefined while any part of it is unknown (preview). */
export function keyShape(read: (...path: Path) => Reading): KeyShape | undefined {
    const legacySpec = read("customerMasterKeySpec");
    const spec = read("keySpec");
    const usage = read("keyUsage");
    const store = read("customKeyStoreId");
    if ([legacySpec, spec, usage, store].some((r) => r.state === "unknown")) return undefined;
    const valueOf = (r: Reading) => (r.state === "known" ? r.value : undefined);
    return {
        spec: valueOf(legacySpec) ?? valueOf(spec) ?? DEFAULT_KEY_SPEC,
        usage: valueOf(usage) ?? DEFAULT_KEY_USAGE,
        customKeyStore: store.state === "known" && store.value !== "",
    };
}
