/**
 * Display formulas in a narrow card may scroll sideways inside themselves; a region that scrolls must
 * be reachable from the keyboard (axe: scrollable-region-focusable). Watches `root` and gives each
 * overflowing `.katex-display` a tab stop — and takes it away again when it fits. Returns a cleanup.
 */
export function focusOverflowingMath(root: HTMLElement): () => void {
  const update = () => {
    for (const el of root.querySelectorAll<HTMLElement>(".katex-display")) {
      if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
      else el.removeAttribute("tabindex");
    }
  };
  update();
  const observer = new MutationObserver(update);
  observer.observe(root, { childList: true, subtree: true });
  window.addEventListener("resize", update);
  return () => {
    observer.disconnect();
    window.removeEventListener("resize", update);
  };
}
