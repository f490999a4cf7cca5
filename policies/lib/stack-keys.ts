/**
 * Finds the stack's KMS key behind a key reference (`kmsKeyId`, `kmsMasterKeyId`, …), for the
 * stack policies that check that an in-stack key is of a kind the service accepts.
 */
import { SSE_PROPERTY, SseShape, SseSource, StackKey, sseRulesOf } from "../core/s3";
import { isUnknown } from "../core/wire";
import type { StackResource } from "./define";
import { keyShape } from "./kms-key";
import { rawOf } from "./read";
import { StackIndex } from "./stack-index";
import { KMS_ALIAS, KMS_KEY } from "./types";

/** The keys an alias points at: through its targetKeyId dependency, else its known targetKeyId. */
function aliasTargets(index: StackIndex, alias: StackResource): StackResource[] {
    const linked = index.dependenciesOf(alias, "targetKeyId", [KMS_KEY]);
    if (linked.length) return linked;
    const target = alias.known("targetKeyId");
    return typeof target === "string" ? index.byKnownName(target, [KMS_KEY]) : [];
}

/**
 * Resolves the stack's KMS key behind `owner`'s key reference in input `property`: by its known
 * id/ARN (or an alias's), else through the property's dependencies (a computed key id in
 * preview). Ambiguity gives no key: no verdict. Name lookups are cached, so resources that all
 * name one key cost one lookup, not one each.
 */
export function stackKeyResolver(index: StackIndex): (owner: StackResource, property: string, keyRef: unknown) => StackKey | undefined {
    const resolve = stackKeyResourceResolver(index);
    return (owner, property, keyRef) => {
        const key = resolve(owner, property, keyRef);
        return key && { name: key.name, shape: keyShape(key.read) };
    };
}

/** `stackKeyResolver`, giving the key resource itself (for policies that read more of it than its shape). */
export function stackKeyResourceResolver(index: StackIndex): (owner: StackResource, property: string, keyRef: unknown) => StackResource | undefined {
    const byName = new Map<string, StackResource[]>();
    const named = (id: string): StackResource[] => {
        let keys = byName.get(id);
        if (!keys) {
            keys = index.byKnownName(id, [KMS_KEY]);
            if (keys.length === 0) keys = index.byKnownName(id, [KMS_ALIAS]).flatMap((a) => aliasTargets(index, a));
            keys = [...new Set(keys)];
            byName.set(id, keys);
        }
        return keys;
    };
    return (owner, property, keyRef) => {
        let keys: StackResource[] = typeof keyRef === "string" && !isUnknown(keyRef) ? named(keyRef) : [];
        if (keys.length === 0) {
            keys = index.dependenciesOf(owner, property, [KMS_KEY]);
            if (keys.length === 0) keys = index.dependenciesOf(owner, property, [KMS_ALIAS]).flatMap((a) => aliasTargets(index, a));
            keys = [...new Set(keys)];
        }
        return keys.length === 1 ? keys[0] : undefined;
    };
}

/** An SSE source with the stack resource and property that declare it: where its key reference's dependencies are. */
export interface DeclaredSse extends SseSource {
    owner: StackResource;
    property: string;
}

/**
 * The SSE rules `owner` declares in the shape's property; `where` names the place in messages (by
 * default the property). Read once per stack: both S3 stack policies ask for every bucket's.
 */
export function declaredSse(index: StackIndex, owner: StackResource, shape: SseShape, where: string = SSE_PROPERTY[shape]): DeclaredSse {
    const property = SSE_PROPERTY[shape];
    return { owner, property, where, rules: index.derived(`sse-rules:${shape}`, owner, (o) => sseRulesOf(shape, rawOf(o.read(property)))) };
}
