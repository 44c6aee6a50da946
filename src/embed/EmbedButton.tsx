import { Show, createSignal, createUniqueId, mergeProps } from "solid-js";
import { loaderSnippet } from "../lib/embed/index.ts";
import { parseState, serializeState } from "../widgets/shared/urlState.ts";
import styles from "./embedButton.module.css";

export type EmbedButtonProps = {
  /** Registry name of the widget beside which the button sits (src/embed/registry.ts). */
  name: string;
  /** Site base URL. Default "/". */
  base?: string;
};

/**
 * "Embed": shows and copies the HTML that embeds the widget beside it in its current state (read
 * from the page URL through the widget's own schema and prefix) — a placeholder for embed.js with
 * a plain iframe inside, which is what readers get where the host strips scripts.
 */
export function EmbedButton(props: EmbedButtonProps) {
  const merged = mergeProps({ base: "/" }, props);
  const uid = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [code, setCode] = createSignal("");
  const [status, setStatus] = createSignal("");
  let area: HTMLTextAreaElement | undefined;

  // The registry imports every widget's URL schema (and with them the engine), so it loads only
  // when the learner asks for the snippet, not with every lesson page.
  const snippet = async (): Promise<string> => {
    const { embeddableWidget } = await import("./registry.ts");
    const widget = embeddableWidget(merged.name);
    if (!widget) return "";
    const params = new URLSearchParams(window.location.search);
    const state = widget.schema
      ? serializeState(widget.schema, parseState(widget.schema, params, widget.urlPrefix).state, widget.urlPrefix).toString()
      : "";
    const siteBase = new URL(merged.base, window.location.origin).href;
    return loaderSnippet({ siteBase, name: widget.name, title: widget.title, state, height: widget.height });
  };

  const toggle = async () => {
    if (!open()) {
      setStatus("");
      try {
        setCode(await snippet());
      } catch {
        setCode("");
        setStatus("The embed code could not be loaded — check your connection and try again.");
      }
    }
    setOpen(!open());
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code());
      setStatus("Copied.");
    } catch {
      area?.select();
      setStatus("Select the code and copy it (Ctrl+C / ⌘C).");
    }
  };

  return (
    <div class={styles.embed} data-embed-button={merged.name}>
      <button type="button" class={`button ${styles.toggle}`} aria-expanded={open()} aria-controls={`embed-${uid}`} onClick={toggle}>
        Embed this widget
      </button>
      <Show when={open()}>
        <div class={styles.panel} id={`embed-${uid}`}>
          <label for={`embed-code-${uid}`}>HTML for your page (the widget in its current state)</label>
          <textarea id={`embed-code-${uid}`} ref={area} readOnly rows={7} value={code()} spellcheck={false} />
          <div class={styles.row}>
            <button type="button" class="button" onClick={copy}>
              Copy
            </button>
            <span role="status">{status()}</span>
          </div>
          <p class={styles.note}>
            The script makes the frame follow its content's height and lets your page listen for results (<code>deep-sky-result</code>{" "}
            events). Where scripts are removed, the plain iframe inside still works.
          </p>
        </div>
      </Show>
    </div>
  );
}
