/** Embedding Deep Sky pages in other sites: origins, the message protocol, placeholders, snippets. */
export * from "./origin.ts";
export * from "./protocol.ts";
export * from "./placeholder.ts";
export * from "./snippet.ts";
