// Arrow keys inside a grid of feature-map buttons (one tab stop per grid, roving focus): left/right
// step one tile, up/down one row of the wrapped CSS grid (tiles sharing the first tile's top edge
// form a row), Home/End jump to the first/last tile. Enter/Space press the focused button natively.
export function mapGridKeyDown(event: KeyboardEvent): void {
  const current = event.currentTarget as HTMLElement;
  const grid = current.parentElement;
  if (!grid) return;
  const tiles = Array.from(grid.querySelectorAll<HTMLElement>(":scope > button"));
  const i = tiles.indexOf(current);
  const perRow = Math.max(1, tiles.filter((t) => t.offsetTop === tiles[0].offsetTop).length);
  const step: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -perRow,
    ArrowDown: perRow,
    Home: -i,
    End: tiles.length - 1 - i,
  };
  if (!(event.key in step)) return;
  event.preventDefault();
  const next = tiles[Math.min(tiles.length - 1, Math.max(0, i + step[event.key]))];
  for (const t of tiles) t.tabIndex = t === next ? 0 : -1;
  next.focus();
}
