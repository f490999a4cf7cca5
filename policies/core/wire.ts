/**
 * The engine's wire format for property values, as plain data. Nothing here imports Pulumi:
 * these are facts about the protocol, so the core, the pack and `keyguard scan` share them.
 */

/** The key under which the engine marks special values (secrets, assets, archives). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature value that marks a secret: `{[SIG_KEY]: SECRET_SIG, value: …}`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Sentinels for values that are unknown during preview. The engine sends the string one for
 * every computed input; the SDK knows the typed ones too, so we treat all of them as unknown.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (what the engine sends)
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && value.length === 36 && UNKNOWN_SENTINELS.has(value);
}

/** True for a wire-format secret wrapper (`value` form from the engine, `ciphertext` from a stack export). */
export function isSecretWire(value: unknown): value is { value?: unknown; ciphertext?: string } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Wraps a value the way the engine marks a secret on the wire. */
export function secretWire(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** True when the value, or anything inside it, is unknown. Bounded so hostile nesting cannot blow the stack. */
export function containsUnknown(value: unknown, depth = 0): boolean {
    if (isUnknown(value)) return true;
    if (depth > 64 || typeof value !== "object" || value === null) return false;
    for (const v of Object.values(value)) {
        if (containsUnknown(v, depth + 1)) return true;
    }
    return false;
}
