/**
 * Wraps every Markdown table of a lesson in a keyboard-focusable, labelled region that scrolls
 * sideways, so a wide table never widens the page on a phone and keyboard users can still scroll it
 * (axe's scrollable-region-focusable rule).
 */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

export function rehypeScrollableTables() {
  return (tree: HastNode) => {
    let count = 0;
    const visit = (node: HastNode) => {
      if (!node.children) return;
      node.children = node.children.map((child) => {
        if (child.type === "element" && child.tagName === "table") {
          count += 1;
          return {
            type: "element",
            tagName: "div",
            properties: { className: ["table-scroll"], tabIndex: 0, role: "region", ariaLabel: `Table ${count}` },
            children: [child],
          };
        }
        visit(child);
        return child;
      });
    };
    visit(tree);
  };
}
