/**
 * Keeps the engine's secret markers visible to keyguard's plaintext policies.
 *
 * Why: @pulumi/policy 1.21 deserializes each request with `deserializeProperties(struct, false)`,
 * which unwraps secrets before `validateResource`/`validateStack` run (pulumi-policy#241), so a
 * policy cannot tell `pulumi.secret("x")` from `"x"`.
 *
 * How: `server.js` calls the deserializer through its module object
 * (`deserialize_1.deserializeProperties(...)`), so replacing that export is seen by every Analyze,
 * AnalyzeStack and Remediate call. Our wrapper turns the request struct into plain JS once, hands
 * the same JS to the original deserializer (so every policy still sees exactly what the SDK would
 * give it), and remembers the raw wire value against the object the policy receives. The value
 * reader (`read.ts`) looks the wire value up to answer "was this a secret?". Values are unchanged;
 * the other differences are that a request is deserialized once, not once per policy, and that
 * its unknown-checking proxy is made once and shared the same way (both below).
 *
 * The seam is internal to @pulumi/policy, whose version is pinned; test/lib/wire-tap.test.ts
 * fails if the seam moves, and the plaintext policies fall back to "not applicable" (never a
 * false verdict) if the tap is not installed.
 */
import * as deserialize from "@pulumi/policy/deserialize";
import * as proxy from "@pulumi/policy/proxy";
import { types } from "node:util";

type Deserializer = (struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean) => Record<string, unknown>;
type ProxyMaker = (toProxy: unknown) => unknown;

const { isProxy } = types;
const PROXY_TARGET = "__getSpecialProxyTarget"; // @pulumi/policy proxy.ts `getSpecialProxyTarget`
const TAPPED = Symbol.for("keyguard.wireTap");

/**
 * Where the tap keeps what it learned: on the objects themselves, under module-private symbols,
 * as non-enumerable properties (invisible to `Object.keys`, spreads and JSON; no other code can
 * name the symbol). WeakMaps held the same before and cost more than the rest of the tap: an
 * AnalyzeStack of 10,000 resources put 20,000 entries in them, and the collector walks every
 * entry of a WeakMap on each GC. A frozen object cannot carry one, so it falls back to a WeakMap.
 */
const WIRE = Symbol("keyguard.wire");
const DESERIALIZED = Symbol("keyguard.deserialized");
const fallback = new WeakMap<object, unknown>();

function attach(target: object, key: symbol, value: unknown): void {
    if (Object.isExtensible(target)) Object.defineProperty(target, key, { value });
    else fallback.set(target, value);
}

function attached<T>(target: object, key: symbol): T | undefined {
    const own = (target as Record<symbol, T | undefined>)[key];
    return own !== undefined ? own : Object.isExtensible(target) ? undefined : (fallback.get(target) as T | undefined);
}

/** Follows @pulumi/policy's unknown-checking and secret-preserving proxies to the plain object. */
export function unproxy<T>(value: T): T {
    let current: unknown = value;
    // Only a real Proxy answers the special key; a plain bag may carry it as an ordinary property
    // (any resource's props reach the tap), and following that would lose the bag or crash the tap.
    for (let i = 0; i < 4 && typeof current === "object" && current !== null && isProxy(current); i++) {
        const target = (current as Record<string, unknown>)[PROXY_TARGET];
        if (target === undefined || target === current) break;
        current = target;
    }
    return current as T;
}

/**
 * What the tap knows of one deserialized property bag: the wire form the engine sent, and values
 * the policies derived from the bag alone (one record, so one property on the bag).
 */
interface BagRecord {
    wire: Record<string, unknown>;
    /** The SDK's unknown-checking proxy over the bag, made once and handed to every policy (below). */
    proxy?: unknown;
    /** Derived values under their keys' symbols: the same few keys on every record, so one shape. */
    [derived: symbol]: unknown;
}

/** Records the wire form of a deserialized property bag, on the plain object behind any proxy. */
function rememberWire(props: object, wire: Record<string, unknown>): void {
    attach(unproxy(props), WIRE, { wire } satisfies BagRecord);
}

/** The wire form the engine sent for these props, or undefined when it was not seen. */
export function wireOf(props: object): Record<string, unknown> | undefined {
    return attached<BagRecord>(unproxy(props), WIRE)?.wire;
}

/**
 * A value computed from these props alone, computed once per request: the SDK hands every policy
 * the same deserialized bag (see the tap below), so the policies judging one resource share it
 * (its reader, its parsed policy documents). `key` names the value; `compute(input)` makes it (a
 * function of its input rather than a closure, so a call that finds the value allocates nothing).
 * Props the tap did not see (an in-process caller's own object) are computed afresh on every call.
 */
export function derivedFrom<T, I>(props: object, key: symbol, compute: (input: I) => T, input: I): T {
    const record = attached<BagRecord>(unproxy(props), WIRE);
    if (!record) return compute(input);
    if (key in record) return record[key] as T;
    const value = compute(input);
    record[key] = value;
    return value;
}

export function isWireTapInstalled(): boolean {
    const mod = deserialize as unknown as Record<string | symbol, unknown>;
    return typeof mod.deserializeProperties === "function" && (mod.deserializeProperties as unknown as Record<symbol, unknown>)[TAPPED] === true;
}

/** Installs the tap once. Returns false if the SDK no longer has the seam (the policies then stay silent). */
export function installWireTap(): boolean {
    if (isWireTapInstalled()) return true;
    const mod = deserialize as unknown as Record<string, unknown>;
    const original = mod.deserializeProperties as Deserializer | undefined;
    if (typeof original !== "function") return false;
    // server.js deserializes a request's properties once per policy (19 times per Analyze, and
    // per stack policy for every AnalyzeStack resource), though the Struct is the same object
    // each time. Deserializing once per Struct and mode makes the pack's per-request cost close
    // to a bare pack's. Sharing is safe because policies never write to props (they read through
    // read(), and remediations copy via withChanges); each policy still gets its own SDK proxy.
    type Seen = { wire: Record<string, unknown>; plain?: Record<string, unknown>; secretsKept?: Record<string, unknown> };
    const tapped: Deserializer = (struct, proxySecrets) => {
        let seen = attached<Seen>(struct, DESERIALIZED);
        if (!seen) {
            seen = { wire: struct.toJavaScript() };
            markStruct(struct, seen);
        }
        const mode = proxySecrets ? "secretsKept" : "plain";
        let props = seen[mode];
        if (!props) {
            const wire = seen.wire;
            props = original({ toJavaScript: () => wire }, proxySecrets);
            rememberWire(props, wire);
            seen[mode] = props;
        }
        return props;
    };
    (tapped as unknown as Record<symbol, unknown>)[TAPPED] = true;
    try {
        mod.deserializeProperties = tapped;
    } catch {
        return false;
    }
    if (mod.deserializeProperties !== tapped) return false;
    shareProxies();
    return true;
}

/**
 * The request's Struct is the SDK's own message object, which nothing spreads or lists the keys
 * of: the tap's mark goes on it by plain assignment (a cached shape transition), where
 * `defineProperty` on every request is a runtime call. A frozen one falls back as `attach` does.
 */
function markStruct(struct: object, seen: unknown): void {
    if (Object.isExtensible(struct)) (struct as Record<symbol, unknown>)[DESERIALIZED] = seen;
    else fallback.set(struct, seen);
}

/**
 * server.js also wraps the deserialized bag in a new unknown-checking proxy for every policy
 * (`proxy_1.unknownCheckingProxy(deserd)`: 19 per Analyze). The proxy keeps no state of its own
 * (its traps read the bag), so a bag the tap made gets one, shared by every policy of the request,
 * as the bag itself is. Any other object gets the SDK's fresh proxy, as before. If the SDK moves
 * this seam, every policy simply gets its own proxy again.
 */
function shareProxies(): void {
    const mod = proxy as unknown as Record<string, unknown>;
    const original = mod.unknownCheckingProxy as ProxyMaker | undefined;
    if (typeof original !== "function" || (original as unknown as Record<symbol, unknown>)[TAPPED] === true) return;
    const shared: ProxyMaker = (toProxy) => {
        // A bag the tap made is never a proxy; reading the mark through one (a proxy handed back to
        // be wrapped again) would go through its trap.
        const record = typeof toProxy === "object" && toProxy !== null && !isProxy(toProxy) ? attached<BagRecord>(toProxy, WIRE) : undefined;
        if (!record) return original(toProxy);
        return (record.proxy ??= original(toProxy));
    };
    (shared as unknown as Record<symbol, unknown>)[TAPPED] = true;
    try {
        mod.unknownCheckingProxy = shared;
    } catch {
        // Not writable: each policy keeps its own proxy.
    }
}
