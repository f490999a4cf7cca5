/**
 * Small text steps the core shares, written as loops: a regex such as `/[.!]+$/` rescans a run of
 * those characters from each of its starts and takes seconds on a long value (17.5 s on 100k
 * characters in kms-key-description), so these never backtrack.
 */

/** `text` without any trailing run of the characters in `chars`: `trimTrailing("done!!.", ".!")` is `"done"`. */
export function trimTrailing(text: string, chars: string): string {
    let end = text.length;
    while (end > 0 && chars.includes(text[end - 1])) end--;
    return end === text.length ? text : text.slice(0, end);
}

/**
 * `name` without leading or trailing slashes: Vault writes mount paths both ways ("aws" and
 * "aws/"), so physical names and mount paths compare trimmed. A loop, not a regex: `/\/+$/`
 * backtracks quadratically on a hostile run of slashes.
 */
export function trimSlashes(name: string): string {
    let start = 0;
    let end = name.length;
    while (start < end && name.charCodeAt(start) === 47) start++;
    while (end > start && name.charCodeAt(end - 1) === 47) end--;
    return name.slice(start, end);
}
