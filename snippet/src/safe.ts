// Isolation for everything the snippet runs: no error of ours may ever reach the host page.
export const safe = <A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void => {
  return (...args) => {
    try {
      fn(...args);
    } catch {
      // Swallowed on purpose: a tracking failure must not break the site (STYLE.md point 10).
    }
  };
};

/**
 * Adds an isolated listener on window, in the capture phase: events aimed at the document and its elements pass
 * through window first, so one target serves them all, and a page that stops propagation cannot hide them. (Events
 * that do not leave a shadow root, `submit`, get their listener on the root: see clicks.ts.)
 */
export const on = (type: string, fn: (e: any) => unknown): void => addEventListener(type, safe(fn), true);
