/**
 * "Did you mean" for near misses (`kms:Decrpyt` → `kms:Decrypt`). A few lines of optimal string
 * alignment distance (Levenshtein plus adjacent transpositions, the commonest typo) cost less
 * than a dependency, and the candidate lists are small (one service's actions, ~450 services).
 */
import { CachePerObject } from "../memo";

/** Edits (insert, delete, substitute, swap two neighbours) to turn `a` into `b`; stops early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = new Array<number>(b.length + 1).fill(0);
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
            current.push(d);
            rowMin = Math.min(rowMin, d);
        }
        if (rowMin > limit) return limit + 1;
        [before, previous] = [previous, current];
    }
    return previous[b.length];
}

/** How far a word may be from a suggestion: typos are one or two edits; short names allow fewer, so `s4` does not suggest `s3`. */
function allowance(word: string): number {
    return word.length <= 2 ? 0 : word.length <= 5 ? 1 : 2;
}

/**
 * Suggestions depend only on the word and the candidate list, and documents repeat the same
 * misspellings across statements and requests: each list keeps its answers (bounded, see memo.ts).
 */
export const suggestionCaches = new CachePerObject<string | undefined>(2_000);

/**
 * The candidate closest to `word` (case-insensitive), as the candidate is spelled; undefined if none
 * is close. Remembered per candidate list: pass a list that lives as long as its data.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    // Callers pass what a document or config holds: a value that is not a string has no near miss.
    if (typeof word !== "string" || typeof candidates !== "object" || candidates === null) return undefined;
    return suggestionCaches.of(candidates).get(word, () => closestUncached(word, candidates));
}

/**
 * Longer than any name a suggestion is drawn for (actions, services, policy and config names): a
 * longer word or candidate is no near miss, and comparing two huge strings would cost their product.
 */
const MAX_NAME_CHARS = 256;

/** `closest` without the cache, for tests that compare the two. */
export function closestUncached(word: string, candidates: Iterable<string>): string | undefined {
    if (word.length > MAX_NAME_CHARS) return undefined;
    const target = word.toLowerCase();
    const limit = allowance(target);
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        if (typeof candidate !== "string" || candidate.length > MAX_NAME_CHARS) continue;
        const d = editDistance(target, candidate.toLowerCase(), bestDistance - 1);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
