import { skeletonOfLetter } from './look-alikes';
import { lettersOf } from './list-entry';

/** Numbers the skeleton letters that the compiled lists use, so matching compares small integers. */
export class SymbolAlphabet {
  private readonly ids = new Map<string, number>();

  /** The id of a skeleton letter, adding it when new. */
  idOf(skeleton: string): number {
    let id = this.ids.get(skeleton);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(skeleton, id);
    }
    return id;
  }

  /** The ids of the skeleton letters a text character may stand for; unknown letters have none. */
  knownIdsOf(skeletons: string): number[] {
    const found: number[] = [];
    for (const skeleton of skeletons) {
      const id = this.ids.get(skeleton);
      if (id !== undefined && !found.includes(id)) found.push(id);
    }
    return found;
  }

  /** A word written in a list (an entry, an ending) as skeleton ids. */
  spell(word: string): number[] {
    return [...lettersOf(word)].map((letter) => this.idOf(skeletonOfLetter(letter)));
  }
}
