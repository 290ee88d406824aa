// RenderScheduler keeps the preview in step with the editor without ever
// blocking typing: at most one render is in flight, and when it returns the
// newest text (if it changed meanwhile) is rendered next. Intermediate texts
// are skipped, so a slow render never builds a queue behind the keyboard.

export type RenderFn<T> = (text: string) => Promise<T>

export class RenderScheduler<T> {
  private inFlight = false
  private pending: string | null = null
  private lastSent: string | null = null

  constructor(
    private readonly render: RenderFn<T>,
    private readonly onResult: (result: T, text: string) => void,
    private readonly onError: (err: Error) => void,
  ) {}

  /** update asks for text to be rendered; it returns at once. */
  update(text: string): void {
    this.pending = text
    if (!this.inFlight) void this.pump()
  }

  /** idle resolves when no render is in flight or waiting (for tests). */
  get idle(): boolean {
    return !this.inFlight && this.pending === null
  }

  private async pump(): Promise<void> {
    while (this.pending !== null) {
      const text = this.pending
      this.pending = null
      if (text === this.lastSent) continue
      this.inFlight = true
      try {
        const result = await this.render(text)
        this.lastSent = text
        // A newer text is already waiting: its result will replace this one,
        // so painting this one would only flicker.
        if (this.pending === null || this.pending === text) this.onResult(result, text)
      } catch (e) {
        this.onError(e instanceof Error ? e : new Error(String(e)))
      } finally {
        this.inFlight = false
      }
    }
  }
}
