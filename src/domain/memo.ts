// Pure answers about short texts that repeat across a file or a build (dates, amounts, codes,
// minute totals), each worked out once. A month of claims asks about the same few dozen values
// hundreds of thousands of times, and every fresh answer is garbage to collect. Answers must be
// immutable, since they are shared. Bounded: a long-running process keeps meeting new texts, so
// past the limit the memory starts again empty.

export class TextMemo<T> {
  private readonly answers = new Map<string, T>();

  constructor(private readonly limit = 10_000) {}

  get(text: string, compute: (text: string) => T): T {
    const known = this.answers.get(text);
    if (known !== undefined || this.answers.has(text)) return known as T;
    const answer = compute(text);
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(text, answer);
    return answer;
  }
}

/** `compute`, remembered by its argument. */
export function memoByText<T>(compute: (text: string) => T, limit?: number): (text: string) => T {
  const memo = new TextMemo<T>(limit);
  return (text) => memo.get(text, compute);
}
