/* Search that forgives: what a reader types is rewritten before Material's search sees it.
 *
 * Material for MkDocs 9 searches in a web worker and offers no hook for the query, so this
 * script (shipped with the site through extra_javascript; nothing is loaded from elsewhere)
 * wraps the page's side of the worker's conversation: it keeps the search index the page sends
 * the worker, and rewrites each query it sends after it. The worker, its ranking and its
 * results are Material's own. It works the same in the preview opened from disk, where the
 * iframe-worker shim stands in for `Worker` and this script wraps the shim.
 *
 * The rewrite, word by word:
 * - a misspelt word of five letters or more that no indexed word starts with becomes the
 *   indexed word nearest to it: one letter added, dropped, changed or two swapped (two such
 *   edits from eight letters): "procurment" finds "procurement";
 * - a word typed with a hyphen ("90-day") also asks for each of its parts exactly, so the page
 *   that has them as written ("90-Day ROI Clinic") comes before those that merely start with
 *   them ("90 days");
 * - a common word ("of", "a", "in") is left out unless it is all there is: Material looks up
 *   every word as the start of a longer one, and "of" found every page about "offers".
 * Quoted phrases and words with search syntax (+ - ~ ^ * title:) are left as they are.
 */
(() => {
  "use strict";

  /* Material's messages to its search worker (SearchMessageType in its source) */
  const SETUP = 0;
  const QUERY = 2;

  /* lunr's English stop words: the worker leaves them out of the index */
  const STOP_WORDS = new Set(("a able about across after all almost also am among an and any " +
    "are as at be because been but by can cannot could dear did do does either else ever every " +
    "for from get got had has have he her hers him his how however i if in into is it its just " +
    "least let like likely may me might most must my neither no nor not of off often on only or " +
    "other our own rather said say says she should since so some than that the their them then " +
    "there these they this tis to too twas us wants was we were what when where which while who " +
    "whom why will with would yet you your").split(" "));

  const SYNTAX = /^[+-]|[~^*"]|^(title|text|tags):/;   /* lunr's, left as typed */
  const LETTERS = /^\p{L}+$/u;
  const MIN_LENGTH = 5;
  const EXACT = 5;    /* how much more a hyphenated word's parts count when found as written */

  let index = null;   /* what the page sent the worker: {config, docs} */
  let words = null;   /* the index's words: {sorted: [...], counts: Map} */

  /** The index's words of three letters or more, and how often each appears: built
   *  on the first query (under a fifth of a second for 60 personas and 8,000 snippets), never before. */
  function vocabulary() {
    if (words)
      return words;
    const counts = new Map();
    const pattern = /<[^>]*>|&\w+;|\p{L}{3,}/gu;   /* skip tags and character references */
    for (const doc of index.docs)
      for (const field of [doc.title, doc.text, ...(doc.tags || [])]) {
        const text = String(field || "").toLowerCase();
        for (const [word] of text.matchAll(pattern))
          if (word[0] !== "<" && word[0] !== "&")
            counts.set(word, (counts.get(word) || 0) + 1);
      }
    words = { sorted: [...counts.keys()].sort(), counts };
    return words;
  }

  /** Whether some indexed word starts with `prefix`. */
  function known(prefix, sorted) {
    let low = 0, high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low < sorted.length && sorted[low].startsWith(prefix);
  }

  /** Edits between `a` and `b` (insert, delete, change, swap two), or `limit + 1` if more. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit)
      return limit + 1;
    let before = null, previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          value = Math.min(value, before[j - 2] + 1);
        current.push(value);
        best = Math.min(best, value);
      }
      if (best > limit)
        return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /** `word`, or the indexed word nearest to it if none starts with it. */
  function correct(word) {
    const lower = word.toLowerCase();
    if (lower.length < MIN_LENGTH || !LETTERS.test(lower))
      return word;
    const { sorted, counts } = vocabulary();
    if (known(lower, sorted))
      return word;
    const limit = lower.length >= 8 ? 2 : 1;
    let found = null, nearest = limit + 1;
    for (const candidate of sorted) {
      const edits = distance(lower, candidate, Math.min(limit, nearest));
      if (edits < nearest || (edits === nearest && counts.get(candidate) > counts.get(found)))
        [found, nearest] = [candidate, edits];
    }
    return found && nearest <= limit ? found : word;
  }

  /** The query the worker gets for what the reader typed. */
  function rewrite(query) {
    if (!index || query.includes("\""))
      return query;
    const separator = new RegExp(index.config.separator, "g");
    const typed = query.trim().split(/\s+/).filter(Boolean);
    const terms = [];
    for (const word of typed) {
      if (SYNTAX.test(word)) {
        terms.push(word);
        continue;
      }
      const parts = word.split(separator).filter(Boolean);
      const kept = parts.filter(part => !STOP_WORDS.has(part.toLowerCase()));
      const corrected = kept.map(correct);
      terms.push(...corrected);
      if (parts.length > 1)
        terms.push(...corrected.map(part => `${part}^${EXACT}`));
    }
    return terms.length ? terms.join(" ") : query;
  }

  /* Wrap the conversation with the worker: keep the index, rewrite each query */
  const send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === SETUP && message.data && message.data.config) {
      index = message.data;
      words = null;
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      message = { ...message, data: rewrite(message.data) };
    }
    return send.call(this, message, ...rest);
  };

  /* For the tests and the curious: what a query becomes */
  window.playbookSearch = { rewrite };
})();
