import { useCallback, useState } from 'react';

/**
 * Open/close state of a dialog plus a key that changes on every opening. Render the
 * dialog with that key: each opening gets a fresh form (antd keeps a form's values in
 * its store across openings otherwise), while closing keeps the instance alive for the
 * closing animation.
 */
export function useDialog<T = true>() {
  const [state, setState] = useState<{ seq: number; value: T | null }>({ seq: 0, value: null });
  const open = useCallback((value: T) => setState((s) => ({ seq: s.seq + 1, value })), []);
  const close = useCallback(() => setState((s) => ({ seq: s.seq, value: null })), []);
  return { isOpen: state.value !== null, value: state.value, key: `dialog-${state.seq}`, open, close };
}
