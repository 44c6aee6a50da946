/**
 * embed.js — the loader a host page includes to embed Deep Sky widgets:
 *
 *   <div data-deep-sky-embed="optimizer-race" data-state="race.lr=0.1" data-height="900"></div>
 *   <deep-sky-embed name="exercise/neuron-output" state="seed=12&level=2"></deep-sky-embed>
 *   <script src="https://deep-sky.example.org/embed.js" async></script>
 *
 * Each placeholder becomes a sandboxed iframe of /embed/<name>/ that follows its content's height.
 * The iframe's address names this page's origin as `parent`, so the embed sends its results here
 * and nowhere else. A message is believed only if it comes from the Deep Sky origin (event.origin)
 * AND from an iframe this loader made (event.source) AND has the protocol's exact shape; then the
 * placeholder dispatches `deep-sky-ready`, `deep-sky-resize` or `deep-sky-result` (bubbling,
 * `event.detail` = the checked message) for the host page's own scripts.
 *
 * Built at build time into /embed.js (src/pages/embed.js.ts); keep it small and dependency-free.
 */
import {
  frameSrc,
  IFRAME_ALLOW,
  IFRAME_SANDBOX,
  MIN_FRAME_HEIGHT,
  parseEmbedMessage,
  readPlaceholder,
  type PlaceholderAttributes,
} from "../lib/embed/index.ts";

type Frame = { host: HTMLElement; iframe: HTMLIFrameElement; name: string };

const GUARD = "__deepSkyEmbedLoader";

function start(): void {
  const own = document.currentScript as HTMLScriptElement | null;
  const src = own?.src || document.querySelector<HTMLScriptElement>('script[src$="/embed.js"]')?.src;
  if (!src) return;
  const siteBase = new URL(".", src).href;
  const siteOrigin = new URL(siteBase).origin;
  const parentOrigin = window.location.origin !== "null" ? window.location.origin : null;
  const frames: Frame[] = [];

  const mount = (host: HTMLElement, attributes: PlaceholderAttributes) => {
    if (frames.some((f) => f.host === host)) return;
    const read = readPlaceholder(attributes);
    if (!read.ok) {
      const note = document.createElement("p");
      note.textContent = read.message; // text, never HTML
      host.replaceChildren(note);
      return;
    }
    const spec = read.spec;
    const iframe = document.createElement("iframe");
    // Sandbox and permissions before the address: they apply when the frame navigates.
    iframe.setAttribute("sandbox", IFRAME_SANDBOX);
    iframe.setAttribute("allow", IFRAME_ALLOW);
    iframe.setAttribute("loading", "lazy");
    iframe.title = spec.title;
    iframe.width = "100%";
    iframe.height = String(spec.height);
    iframe.style.cssText = "display:block;width:100%;max-width:100%;border:0;";
    iframe.src = frameSrc(siteBase, spec, parentOrigin);
    host.replaceChildren(iframe);
    frames.push({ host, iframe, name: spec.name });
  };

  window.addEventListener("message", (event) => {
    if (event.origin !== siteOrigin) return;
    const frame = frames.find((f) => f.iframe.contentWindow === event.source);
    if (!frame) return;
    const message = parseEmbedMessage(event.data);
    if (!message) return;
    if (message.type !== "deep-sky:resize" && message.name !== frame.name) return;
    if (message.type === "deep-sky:resize") {
      const height = Math.max(MIN_FRAME_HEIGHT, message.height);
      frame.iframe.height = String(height);
      frame.iframe.style.height = `${height}px`;
    }
    const eventName =
      message.type === "deep-sky:result" ? "deep-sky-result" : message.type === "deep-sky:ready" ? "deep-sky-ready" : "deep-sky-resize";
    frame.host.dispatchEvent(new CustomEvent(eventName, { bubbles: true, composed: true, detail: message }));
  });

  const scan = () => {
    for (const host of document.querySelectorAll<HTMLElement>("[data-deep-sky-embed]")) {
      mount(host, {
        name: host.getAttribute("data-deep-sky-embed"),
        state: host.getAttribute("data-state"),
        height: host.getAttribute("data-height"),
        title: host.getAttribute("data-title"),
        theme: host.getAttribute("data-theme"),
      });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();

  if (!customElements.get("deep-sky-embed")) {
    customElements.define(
      "deep-sky-embed",
      class extends HTMLElement {
        connectedCallback() {
          if (!this.style.display) this.style.display = "block";
          mount(this, {
            name: this.getAttribute("name"),
            state: this.getAttribute("state"),
            height: this.getAttribute("height"),
            title: this.getAttribute("title"),
            theme: this.getAttribute("theme"),
          });
        }
      },
    );
  }
}

// One loader per page, however many times the script tag is pasted.
const flags = window as unknown as Record<string, boolean>;
if (!flags[GUARD]) {
  flags[GUARD] = true;
  start();
}
