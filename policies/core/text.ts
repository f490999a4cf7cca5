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
