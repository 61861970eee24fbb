/**
 * The elements a browser test finds "by label" for `text`: like Playwright's
 * getByLabel, it matches <label> text, aria-labelledby and aria-label, case-
 * insensitively and by substring, hidden elements included.
 */
export function elementsLabelled(text: string, root: ParentNode = document): Element[] {
  const wanted = text.toLowerCase();
  const matches = (value: string | null | undefined) => !!value && value.toLowerCase().includes(wanted);
  return [...root.querySelectorAll("*")].filter((element) => {
    const labelledBy = element.getAttribute("aria-labelledby");
    if (labelledBy) {
      return labelledBy
        .split(/\s+/)
        .some((id) => matches(document.getElementById(id)?.textContent));
    }
    if (element.getAttribute("aria-label")?.trim()) return matches(element.getAttribute("aria-label"));
    const labels = (element as HTMLInputElement).labels;
    const labelable = element.matches("button, meter, output, progress, select, textarea, input:not([type=hidden])");
    return labelable && !!labels && [...labels].some((label) => matches(label.textContent));
  });
}
