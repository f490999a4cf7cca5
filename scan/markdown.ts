/** Markdown escaping, shared by the scan/check reports and the generated docs. */

/** One GitHub table cell: one line, and a `|` escaped (GFM ends the cell at a bare `|`, even inside code). */
export function cell(text: string): string {
    // Split rather than /\s*\n\s*/, which backtracks quadratically on a long run of spaces.
    return text
        .split("\n")
        .map((line) => line.trim())
        .join(" ")
        .replace(/\|/g, "\\|");
}

/** Text shown as written, not as Markdown or HTML: for values from a stack (names, messages). */
export function literal(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([*_`[\]])/g, "\\$1");
}

/** A value in code style that may hold backticks or HTML (a URN, a type token): an HTML `<code>`. */
export function htmlCode(text: string): string {
    return `<code>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</code>`;
}
