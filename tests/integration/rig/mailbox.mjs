// What a test peer received, in order, and a way to await the first item matching a predicate
// with a timeout (shared by the raw XMPP client and the StanzaJS page).

export class Mailbox {
  // `describe(items)` renders the unclaimed items for a timeout message.
  constructor(name, describe = (items) => items.map(String).join('\n')) {
    this.name = name;
    this.describe = describe;
    this.received = [];
    this.waiters = [];
    this.closed = null;
  }

  push(item) {
    this.received.push(item);
    this.waiters = this.waiters.filter((w) => !w.check());
  }

  // No more items will come (the connection closed): pending and later waits fail at once.
  close(reason) {
    this.closed = reason;
    for (const w of this.waiters) w.fail();
    this.waiters = [];
  }

  // The first item received (from now on, or already received and not yet taken) that matches
  // `pred`; it is taken out of `received`. `pred` may be a function or a RegExp on strings.
  next(pred, timeoutMs = 5000) {
    const test = pred instanceof RegExp ? (s) => pred.test(s) : pred;
    return new Promise((resolve, reject) => {
      const w = {
        check: () => {
          const i = this.received.findIndex(test);
          if (i < 0) return false;
          clearTimeout(w.timer);
          resolve(this.received.splice(i, 1)[0]);
          return true;
        },
        fail: () => {
          clearTimeout(w.timer);
          reject(new Error(`${this.name}: closed (${this.closed}) while waiting for ${pred}; received:\n${this.describe(this.received)}`));
        },
      };
      if (w.check()) return;
      if (this.closed) { w.fail(); return; }
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`${this.name}: nothing matching ${pred} within ${timeoutMs} ms; received:\n${this.describe(this.received)}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  // Resolves after `ms` if nothing matching `pred` arrived meanwhile (and leaves it unclaimed);
  // rejects with the item otherwise. For "X must not be sent" assertions.
  async nothing(pred, ms) {
    const test = pred instanceof RegExp ? (s) => pred.test(s) : pred;
    await new Promise((r) => setTimeout(r, ms));
    const hit = this.received.find(test);
    if (hit !== undefined) throw new Error(`${this.name}: unexpected ${this.describe([hit])}`);
  }
}
