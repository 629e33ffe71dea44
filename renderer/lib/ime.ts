/**
 * Chinese input (IME) safety. While the clerk composes pinyin, the input's value is
 * latin letters ("zhang") that will be replaced by characters; searching or validating
 * then is wrong and (with async state updates) can break the composition.
 *
 * - `useImeSafeSearch`: search-as-you-type with a debounce that never fires while a
 *   composition is active; on compositionend it searches at once with the final text.
 * - `isComposingKey`: true for key events that belong to the IME (Enter that picks a
 *   candidate must not submit a form or a search).
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type CompositionEvent, type KeyboardEvent } from 'react';

export const SEARCH_DEBOUNCE_MS = 300;

/** True when this key event is part of an IME composition. */
export function isComposingKey(event: KeyboardEvent | globalThis.KeyboardEvent, composingFlag = false): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  // keyCode 229: the IME processed the key (older Chromium reports isComposing late).
  return composingFlag || native.isComposing || native.keyCode === 229;
}

/** A composing flag that follows compositionstart/compositionend of anything inside an element. */
export function useCompositionFlag() {
  const composing = useRef(false);
  const handlers = {
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      composing.current = false;
    },
  };
  return { composing, handlers };
}

export interface ImeSafeSearch {
  /** What the box shows (updated synchronously on every keystroke). */
  text: string;
  /** The search text last handed to onSearch (trimmed). */
  searched: string;
  /** Spread on the <Input>. */
  inputProps: {
    value: string;
    onChange: (e: ChangeEvent<HTMLInputElement>) => void;
    onCompositionStart: () => void;
    onCompositionEnd: (e: CompositionEvent<HTMLInputElement>) => void;
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  };
  /** Set the box (e.g. "清除") and search at once. */
  setText: (value: string) => void;
}

export function useImeSafeSearch(initial = '', delay = SEARCH_DEBOUNCE_MS): ImeSafeSearch {
  const [text, setTextState] = useState(initial);
  const [searched, setSearched] = useState(initial.trim());
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const searchNow = useCallback((value: string) => {
    cancel();
    setSearched(value.trim());
  }, []);
  const schedule = (value: string) => {
    cancel();
    timer.current = setTimeout(() => {
      timer.current = null;
      if (!composing.current) setSearched(value.trim());
    }, delay);
  };

  useEffect(() => cancel, []);

  return {
    text,
    searched,
    setText: (value) => {
      setTextState(value);
      searchNow(value);
    },
    inputProps: {
      value: text,
      onChange: (e) => {
        const value = e.target.value;
        setTextState(value);
        const nativeComposing = (e.nativeEvent as InputEvent).isComposing === true;
        if (composing.current || nativeComposing) {
          cancel();
          return;
        }
        schedule(value);
      },
      onCompositionStart: () => {
        composing.current = true;
        cancel();
      },
      onCompositionEnd: (e) => {
        composing.current = false;
        const value = e.currentTarget.value;
        setTextState(value);
        searchNow(value);
      },
      onKeyDown: (e) => {
        if (e.key !== 'Enter') return;
        if (isComposingKey(e, composing.current)) return;
        e.preventDefault();
        searchNow(e.currentTarget.value);
      },
    },
  };
}
