/** A trie over skeleton ids: the shape both the list entries and the ending lists are compiled to. */
export class SymbolTrie<T = true> {
  static readonly ROOT = 0;
  readonly children: Map<number, number>[] = [new Map<number, number>()];
  /** The symbol that leads into each node (-1 for the root). */
  readonly symbolOf: number[] = [-1];
  readonly values: (T[] | undefined)[] = [undefined];

  get size(): number {
    return this.children.length;
  }

  add(word: readonly number[], value: T): void {
    let node = SymbolTrie.ROOT;
    for (const symbol of word) {
      let child = this.children[node].get(symbol);
      if (child === undefined) {
        child = this.children.length;
        this.children.push(new Map<number, number>());
        this.symbolOf.push(symbol);
        this.values.push(undefined);
        this.children[node].set(symbol, child);
      }
      node = child;
    }
    (this.values[node] ??= []).push(value);
  }

  /**
   * Calls `visit` with every index `end` such that cells[from..end) spells a word of the trie, each
   * cell read as any of its symbols. Stops and returns true as soon as `visit` does.
   */
  someEnd(
    cells: readonly (readonly number[])[],
    from: number,
    to: number,
    visit: (end: number) => boolean,
  ): boolean {
    const walk = (node: number, index: number): boolean => {
      if (index > from && this.values[node] !== undefined && visit(index)) return true;
      if (index >= to) return false;
      for (const symbol of cells[index]) {
        const child = this.children[node].get(symbol);
        if (child !== undefined && walk(child, index + 1)) return true;
      }
      return false;
    };
    return walk(SymbolTrie.ROOT, from);
  }
}
