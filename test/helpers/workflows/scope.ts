import { WfValue } from './values';

/** What the limits measure of a variable: its memory and its longest string, in bytes. */
export interface Measure {
  readonly memory: number;
  readonly longest: number;
}

/**
 * The variables of one subworkflow call. "Assigning a variable creates a variable in the current
 * scope"; a variable created inside a for loop or an except block "belongs to the local scope of
 * that loop … This local scoping also applies to any variable created inside an except block",
 * while assigning to a variable of the surrounding scope changes that variable
 * (https://cloud.google.com/workflows/docs/reference/syntax/variables#variable-scope and the
 * sample https://cloud.google.com/workflows/docs/samples/workflows-loop-scope).
 *
 * Each loop iteration gets a fresh local scope: whether a variable created in one iteration is
 * still there in the next is not documented, and the fresh scope is the stricter reading.
 */
export class Frame {
  private readonly scopes: Map<string, WfValue>[] = [new Map()];
  /** Measured sizes of the variables of each scope, dropped when a variable changes. */
  private readonly sizes: Map<string, Measure>[] = [new Map()];

  constructor(readonly subworkflow: string) {}

  /** The value of a variable, innermost scope first. */
  lookup(name: string): WfValue | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].has(name)) return this.scopes[i].get(name);
    }
    return undefined;
  }

  /** Assigns: an existing variable where it lives, a new one in the innermost scope. */
  set(name: string, value: WfValue): void {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].has(name)) {
        this.scopes[i].set(name, value);
        this.sizes[i].delete(name);
        return;
      }
    }
    this.scopes[this.scopes.length - 1].set(name, value);
    this.sizes[this.sizes.length - 1].delete(name);
  }

  /** Records that a variable's value was changed in place (an assignment into it). */
  touch(name: string): void {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].has(name)) {
        this.sizes[i].delete(name);
        return;
      }
    }
  }

  /** Opens a local scope with its own variables (a loop's value and index, an except's error). */
  push(locals: [string, WfValue][] = []): void {
    this.scopes.push(new Map(locals));
    this.sizes.push(new Map());
  }

  pop(): void {
    this.scopes.pop();
    this.sizes.pop();
  }

  /** The size of every live variable, measuring only those changed since they were last measured. */
  *measures(measure: (value: WfValue) => Measure): Iterable<Measure> {
    for (let i = 0; i < this.scopes.length; i++) {
      for (const [name, value] of this.scopes[i]) {
        let size = this.sizes[i].get(name);
        if (!size) {
          size = measure(value);
          this.sizes[i].set(name, size);
        }
        yield size;
      }
    }
  }

  /** Every live variable value. */
  *values(): Iterable<WfValue> {
    for (const scope of this.scopes) yield* scope.values();
  }
}
