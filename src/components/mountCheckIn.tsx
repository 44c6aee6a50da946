import { render } from "solid-js/web";
import type { Input } from "../../exercises/family.ts";
import { CheckInCard, type CheckInCardProps } from "./CheckInCard.tsx";

/** What the learner had done on the page's static copy when it was swapped for the live card. */
export type Handover = {
  /** Values of the static copy's fields, in document order (text, or the checked radio's value). */
  fields: { value: string; checked: boolean; type: string }[];
  /** Index among the copy's focusable controls of the one that had focus, or -1. */
  focus: number;
  /** Check was pressed: grade once the family's code has loaded. */
  check: boolean;
};

const CONTROLS = "input, button, select, textarea, a[href]";

/** The static copy's state, read just before it is replaced. */
export function readHandover(root: HTMLElement, check: boolean): Handover {
  const controls = [...root.querySelectorAll<HTMLElement>(CONTROLS)];
  const fields = [...root.querySelectorAll<HTMLInputElement>("input")].map((input) => ({
    value: input.value,
    checked: input.checked,
    type: input.type,
  }));
  return { fields, focus: controls.indexOf(document.activeElement as HTMLElement), check };
}

/**
 * Replaces a check-in's static copy (rendered at build time by CheckIn.astro) with the live card,
 * carrying over what was typed or chosen and where the focus was, so the swap goes unnoticed.
 */
export function mountCheckIn(root: HTMLElement, props: CheckInCardProps, handover: Handover): void {
  const staticInputs = [...root.querySelectorAll<HTMLInputElement>("input")];
  // Each part's input, by the field order the static copy shares with the live card.
  const initial: Input = {};
  let i = 0;
  for (const part of props.parts) {
    const mine = staticInputs.filter((input) => input.closest("[data-kind]") === staticInputs[i]?.closest("[data-kind]"));
    const fields = handover.fields.slice(i, i + mine.length);
    i += mine.length;
    if (part.kind === "choice") {
      const chosen = fields.find((f) => f.checked);
      if (chosen) initial[part.id] = chosen.value;
    } else if (fields[0] && fields[0].value !== "") initial[part.id] = fields[0].value;
  }
  root.replaceChildren();
  render(() => <CheckInCard {...props} initial={initial} checkOnLoad={handover.check} />, root);
  const controls = [...root.querySelectorAll<HTMLElement>(CONTROLS)];
  controls[handover.focus]?.focus();
}
