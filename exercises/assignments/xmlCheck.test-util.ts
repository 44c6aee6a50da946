/**
 * A small, strict XML reader for tests (no dependencies): checks well-formedness — one root, tags
 * nested and closed, attributes quoted and unique, only the five predefined entities and numeric
 * references, no raw "<" or "&" in text — and returns a tree to check structure against.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside (entities decoded). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(raw: string, where: number): string {
  if (raw.includes("<")) throw new Error(`raw < in text near ${where}`);
  return raw.replace(/&([^;]*);|&/g, (m, body: string | undefined) => {
    if (body === undefined) throw new Error(`bare & near ${where}`);
    if (body === "amp") return "&";
    if (body === "lt") return "<";
    if (body === "gt") return ">";
    if (body === "quot") return '"';
    if (body === "apos") return "'";
    if (/^#\d+$/.test(body)) return String.fromCodePoint(Number(body.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(body)) return String.fromCodePoint(parseInt(body.slice(2), 16));
    throw new Error(`unknown entity &${body}; near ${where}`);
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const s = source.replace(/^\uFEFF/, "");
  const skipMisc = () => {
    for (;;) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (s.startsWith("<?", i)) i = s.indexOf("?>", i) + 2;
      else if (s.startsWith("<!--", i)) i = s.indexOf("-->", i) + 3;
      else return;
      if (i < 2) throw new Error("unterminated declaration");
    }
  };
  const element = (): XmlElement => {
    if (s[i] !== "<") throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(s.slice(i))?.[0];
    if (!name) throw new Error(`bad tag name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: "" };
    for (;;) {
      while (/\s/.test(s[i])) i++;
      if (s.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (s[i] === ">") {
        i++;
        break;
      }
      const attr = NAME.exec(s.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute in <${name}> at ${i}`);
      i += attr.length;
      while (/\s/.test(s[i])) i++;
      if (s[i] !== "=") throw new Error(`attribute ${attr} without = at ${i}`);
      i++;
      while (/\s/.test(s[i])) i++;
      const quote = s[i];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${attr} at ${i}`);
      const end = s.indexOf(quote, i + 1);
      if (end < 0) throw new Error("unterminated attribute");
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} in <${name}>`);
      el.attrs[attr] = decode(s.slice(i + 1, end), i);
      i = end + 1;
    }
    for (;;) {
      const next = s.indexOf("<", i);
      if (next < 0) throw new Error(`<${name}> is never closed`);
      el.text += decode(s.slice(i, next), i);
      i = next;
      if (s.startsWith("</", i)) {
        const close = NAME.exec(s.slice(i + 2))?.[0];
        if (close !== name) throw new Error(`</${close}> closes <${name}> at ${i}`);
        i += 2 + name.length;
        while (/\s/.test(s[i])) i++;
        if (s[i] !== ">") throw new Error(`bad closing tag at ${i}`);
        i++;
        return el;
      }
      if (s.startsWith("<!--", i)) {
        i = s.indexOf("-->", i) + 3;
        continue;
      }
      if (s.startsWith("<![CDATA[", i)) {
        const end = s.indexOf("]]>", i);
        el.text += s.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < s.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** All descendants (and self) with this tag name. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

/** Reads a STORE zip: name → bytes, checking every CRC against the central directory. */
export function readZip(bytes: Uint8Array, crc32: (b: Uint8Array) => number): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  if (view.getUint32(eocd, true) !== 0x06054b50) throw new Error("no end of central directory");
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  let p = view.getUint32(eocd + 16, true);
  if (p + size !== eocd) throw new Error("central directory size/offset disagree");
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error("bad central header");
    const crc = view.getUint32(p + 16, true);
    const length = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const offset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (view.getUint32(offset, true) !== 0x04034b50) throw new Error("bad local header");
    const localName = view.getUint16(offset + 26, true);
    const data = bytes.subarray(offset + 30 + localName + view.getUint16(offset + 28, true), offset + 30 + localName + length);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    files.set(name, data);
    p += 46 + nameLength;
  }
  return files;
}
