import { createSignal, onCleanup, onMount, type Accessor } from "solid-js";

/**
 * The CSS-pixel width of an element, kept current with a ResizeObserver. Starts at `initial` (what
 * the server renders), so charts lay themselves out for their real width after mount and their text
 * keeps its pixel size on a phone instead of shrinking with the viewBox. Returns the width and a ref
 * callback for the measured element.
 */
export function useMeasuredWidth(
  initial: number,
  limits: { min: number; max: number } = { min: 260, max: 760 },
): [Accessor<number>, (el: HTMLElement) => void] {
  const [width, setWidth] = createSignal(initial);
  let element: HTMLElement | undefined;
  onMount(() => {
    if (!element) return;
    const measure = () => {
      const w = Math.round(element?.clientWidth ?? 0);
      if (w > 0) setWidth(Math.max(limits.min, Math.min(limits.max, w)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    onCleanup(() => observer.disconnect());
  });
  return [width, (el) => (element = el)];
}
